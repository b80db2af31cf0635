import { DescribeInstancesCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { LAUNCH_ARGS, withProxy } from './_fault-harness.ts';
import { tagMap } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

// moto 5.2.1 stores EventBridge Scheduler schedules (never fires them) and records volumes and
// metadata options as requested; the clock of these runs is 2026-08-01T12:00:00Z.
const moto = useMoto();
const ec2 = () => new EC2Client({ region: 'us-east-1' });
const scheduler = () => new SchedulerClient({ region: 'us-east-1' });

describe('cloud backstop at launch (issue 13 §2, §5-7; moto)', { timeout: 120_000 }, () => {
  it('--on-idle terminate: one terminate schedule at deadline + 5 min, an encrypted root, IMDS tags on, and says so in plan and record', async () => {
    const run = await runSpawn([
      ...LAUNCH_ARGS,
      '--ttl',
      '1h',
      '--on-idle',
      'terminate',
      '--wait',
      'running',
      '--name',
      'guarded',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const id = run.records[0]?.instanceId as string;
    expect(run.records[0]).toMatchObject({
      type: 'launched',
      cloudBackstop: 'armed',
      cloudBackstopAt: '2026-08-01T13:05:00Z',
      maxStopped: '7d',
    });
    expect(run.stderr).toMatch(/Backstop {3}EventBridge Scheduler terminates it 5m after the deadline/);
    expect(run.stderr).toMatch(/if stopped longer than 7d it is terminated, its volumes deleted with it/);
    expect(run.stderr).toMatch(
      /Cost {7}\$0\.0104\/hour, at most \$0\.01 for the 1h TTL \(incl\. \$0\.00 for the 20 GiB gp3 disk\); if left stopped 7d, up to \$0\.37 more for the disk/,
    );

    // moto has no Pricing API: the disk is priced at the us-east-1 list price, and the plan says so.
    expect(run.stderr).toMatch(
      /Disk {7}20 GiB gp3 root volume, \$1\.60\/month at \$0\.0800\/GB-month from EBS list price, us-east-1 .*live price/,
    );
    const schedule = await scheduler().send(
      new GetScheduleCommand({ Name: `spawn-${id}`, GroupName: 'spawn' }),
    );
    expect(schedule).toMatchObject({
      ScheduleExpression: 'at(2026-08-01T13:05:00)',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances',
        RoleArn: 'arn:aws:iam::123456789012:role/spawn-scheduler',
      },
    });
    expect(JSON.parse(schedule.Target?.Input ?? '')).toEqual({ InstanceIds: [id] });
    expect(run.records[0]?.cloudBackstopStopAt).toBeUndefined();
    const listed = await scheduler().send(new ListSchedulesCommand({ GroupName: 'spawn' }));
    expect(listed.Schedules?.map((s) => s.Name)).toEqual([`spawn-${id}`]);

    const instance = (await ec2().send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]
      ?.Instances?.[0];
    expect(instance?.MetadataOptions).toMatchObject({
      HttpTokens: 'required',
      InstanceMetadataTags: 'enabled',
    });
    expect(tagMap(instance?.Tags)['spawn:max-stopped']).toBe('7d');
    const volumes = await ec2().send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] }),
    );
    expect(volumes.Volumes?.map((v) => v.Encrypted)).toEqual([true]);
  });

  it('on-idle stop (the default): a stop schedule at deadline + 5 min and terminate max-stopped later, so an idle-stopped disk survives its deadline', async () => {
    const run = await runSpawn([...LAUNCH_ARGS, '--ttl', '1h', '--wait', 'running', '--max-stopped', '2d']);
    expect(run.code, run.stderr).toBe(0);
    const id = run.records[0]?.instanceId as string;
    expect(run.records[0]).toMatchObject({
      type: 'launched',
      cloudBackstop: 'armed',
      cloudBackstopStopAt: '2026-08-01T13:05:00Z',
      cloudBackstopAt: '2026-08-03T13:05:00Z',
    });
    expect(run.stderr).toMatch(
      /Backstop {3}EventBridge Scheduler stops it 5m after the deadline and terminates it 2d later if nothing else has/,
    );
    expect(run.stderr).toContain(
      'Backstop:  armed: EventBridge Scheduler stops it at 2026-08-01T13:05:00Z and terminates it at 2026-08-03T13:05:00Z',
    );
    const stop = await scheduler().send(
      new GetScheduleCommand({ Name: `spawn-${id}-stop`, GroupName: 'spawn' }),
    );
    expect(stop).toMatchObject({
      ScheduleExpression: 'at(2026-08-01T13:05:00)',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:ec2:stopInstances',
        RoleArn: 'arn:aws:iam::123456789012:role/spawn-scheduler',
      },
    });
    expect(JSON.parse(stop.Target?.Input ?? '')).toEqual({ InstanceIds: [id] });
    const terminate = await scheduler().send(
      new GetScheduleCommand({ Name: `spawn-${id}`, GroupName: 'spawn' }),
    );
    expect(terminate).toMatchObject({
      ScheduleExpression: 'at(2026-08-03T13:05:00)',
      Target: { Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances' },
    });
  });

  it('a launch where CreateSchedule is denied still launches and says plainly it is not armed', async () => {
    const run = await withProxy(
      moto,
      [
        {
          match: (r) => r.service === 'scheduler' && r.method === 'POST' && r.path.startsWith('/schedules/'),
          fault: {
            kind: 'error',
            status: 403,
            code: 'AccessDeniedException',
            message: 'not authorized to perform: scheduler:CreateSchedule',
          },
        },
      ],
      () => runSpawn([...LAUNCH_ARGS, '--ttl', '1h', '--wait', 'running']),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.records[0]).toMatchObject({ type: 'launched', cloudBackstop: 'absent' });
    expect(run.records[0]?.cloudBackstopAt).toBeUndefined();
    expect(run.stderr).toMatch(/Backstop: {2}NOT ARMED: no cloud schedule could be created/);
    const listed = await scheduler().send(new ListSchedulesCommand({ GroupName: 'spawn' }));
    expect(listed.Schedules ?? []).toEqual([]);
  });

  it('when every Scheduler call is denied, the plan already says NOT AVAILABLE before anything is created', async () => {
    const run = await withProxy(
      moto,
      [
        {
          match: { service: 'scheduler' },
          fault: {
            kind: 'error',
            status: 403,
            code: 'AccessDeniedException',
            message: 'no scheduler for you',
          },
        },
      ],
      () => runSpawn([...LAUNCH_ARGS, '--ttl', '1h', '--dry-run']),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Backstop {3}NOT AVAILABLE \(.*\): the launch goes on, but no cloud schedule will terminate it/,
    );
  });

  it('a launch interrupted after the schedule was made deletes it with the instance', async () => {
    const controller = new AbortController();
    const run = await withProxy(moto, [], (proxy) => {
      // Ctrl-C during the wait for running, after the schedule was created: the launch rolls back.
      let scheduled = false;
      proxy.add({
        match: (r) => {
          if (r.service === 'scheduler' && r.method === 'POST' && r.path.startsWith('/schedules/'))
            scheduled = true;
          else if (scheduled && r.action === 'DescribeInstances') controller.abort();
          return false;
        },
        fault: { kind: 'close' },
      });
      return runSpawn([...LAUNCH_ARGS, '--ttl', '1h', '--wait', 'running'], { signal: controller.signal });
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/deleted cloud schedule spawn-i-/);
    const listed = await scheduler().send(new ListSchedulesCommand({ GroupName: 'spawn' }));
    expect(listed.Schedules ?? []).toEqual([]);
  });

  it('--no-cloud-backstop makes no schedule and records the opt-out on the instance', async () => {
    const run = await runSpawn([...LAUNCH_ARGS, '--ttl', '1h', '--wait', 'running', '--no-cloud-backstop']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.records[0]).toMatchObject({ cloudBackstop: 'disabled' });
    expect(run.stderr).toContain('Backstop   none (--no-cloud-backstop)');
    const listed = await scheduler()
      .send(new ListSchedulesCommand({}))
      .catch(() => ({ Schedules: [] }));
    expect(listed.Schedules ?? []).toEqual([]);
    const id = run.records[0]?.instanceId as string;
    const instance = (await ec2().send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]
      ?.Instances?.[0];
    expect(tagMap(instance?.Tags)['spawn:cloud-backstop']).toBe('off');
  });

  it('--disk 1e9 is refused before anything is created', async () => {
    const run = await runSpawn([...LAUNCH_ARGS, '--disk', '1000000000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('1–16384 GiB');
    const out = await ec2().send(new DescribeInstancesCommand({}));
    expect(out.Reservations ?? []).toEqual([]);
  });
});
