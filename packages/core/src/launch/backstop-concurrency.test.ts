import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { faults, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { expectLaunched, motoLaunch } from './_moto-launch.ts';
import { describeLaunchInventory } from './inventory.ts';

// The backstop's scheduler role and schedule group are prepared concurrently with the key, the
// security group chain and spawnd's role; its schedules concurrently with the wait for running.
// These are the new concurrent branches: a failure on one side must stop the other from creating
// anything more, and what was created must be rolled back (moto + fault proxy).
const moto = useMoto();
const WRITES = /^(Create|Import|Run|Put|Add|Authorize|Update)/;

async function own() {
  const inv = await describeLaunchInventory(new EC2Client({}), new IAMClient({}));
  return {
    instances: inv.instances.map((i) => i.InstanceId),
    keyPairs: inv.keyPairs,
    securityGroups: inv.securityGroups.map((g) => g.GroupId),
  };
}

/** Scheduler is REST-JSON: the proxy sees no action name, so name its calls by method and path. */
function op(r: { action?: string; method: string; path: string; service?: string }): string {
  if (r.service !== 'scheduler') return r.action ?? '';
  const group = r.path.startsWith('/schedule-groups/');
  if (r.method === 'GET') return group ? 'GetScheduleGroup' : 'GetSchedule';
  if (r.method === 'POST') return group ? 'CreateScheduleGroup' : 'CreateSchedule';
  return `${r.method} ${r.path}`;
}
const is = (name: string) => (r: Parameters<typeof op>[0]) => op(r) === name;

const schedules = async () =>
  ((await new SchedulerClient({}).send(new ListSchedulesCommand({}))).Schedules ?? []).map((s) => s.Name);

describe('cloud backstop alongside the other launch steps (moto + fault proxy)', () => {
  it('arms both schedules of a stop-first launch, prepared before RunInstances', async () => {
    await using proxy = await startFaultProxy({ target: moto.endpoint });
    const launch = motoLaunch({ endpoint: proxy.endpoint, scheduler: true });
    const made = expectLaunched(await launch.run);
    expect(made.backstop).toMatchObject({ kind: 'armed' });
    expect((await schedules()).sort()).toEqual([`spawn-${made.instanceId}`, `spawn-${made.instanceId}-stop`]);
    const actions = proxy.requests.map(op);
    // The role and group are made before the instance; only the schedules wait for its id.
    const run = actions.indexOf('RunInstances');
    expect(actions.lastIndexOf('CreateScheduleGroup')).toBeLessThan(run);
    expect(actions.filter((a) => a === 'CreateRole')).toHaveLength(2);
    expect(actions.lastIndexOf('CreateRole')).toBeLessThan(run);
    // Read once per launch: the lookup's answers are shared with the create steps.
    expect(actions.filter((a) => a === 'GetScheduleGroup')).toHaveLength(1);
    expect(actions.filter((a) => a === 'GetRole')).toHaveLength(1);
    // spawn:parent on the key pair and the security group in one call.
    expect(actions.filter((a) => a === 'CreateTags')).toHaveLength(1);
  }, 60_000);

  it('a failed security group chain while the scheduler role is being created: nothing is written after it, all own resources rolled back', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        // Both roles' CreateRole answer after the SG chain has failed.
        { match: { action: 'CreateRole' }, fault: faults.delay(400) },
        { match: is('CreateScheduleGroup'), fault: faults.delay(400) },
        { match: { action: 'CreateSecurityGroup' }, fault: faults.serverError() },
      ],
    });
    const launch = motoLaunch({ endpoint: proxy.endpoint, scheduler: true });
    await expect(launch.run).rejects.toMatchObject({ details: { operation: 'CreateSecurityGroup' } });
    const writes = proxy.requests.map(op).filter((a) => WRITES.test(a));
    // Sent before the failure: the key import, both CreateRoles, the group, the profile. Never after.
    for (const after of ['PutRolePolicy', 'AddRoleToInstanceProfile', 'RunInstances', 'CreateSchedule'])
      expect(writes, after).not.toContain(after);
    // Whatever was made (the key import may or may not have been sent by then) is gone again.
    expect(launch.reports.flatMap((r) => r.failed)).toEqual([]);
    expect(await own()).toEqual({ instances: [], keyPairs: [], securityGroups: [] });
    expect(await schedules()).toEqual([]);
  }, 60_000);

  it('a scheduler role that cannot be created leaves the backstop absent and the launch going on, nothing rolled back', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: is('CreateScheduleGroup'), fault: faults.unauthorized() }],
    });
    const launch = motoLaunch({ endpoint: proxy.endpoint, scheduler: true });
    const made = expectLaunched(await launch.run);
    expect(made.backstop).toMatchObject({ kind: 'absent' });
    expect(proxy.requests.map(op)).not.toContain('CreateSchedule');
    expect(launch.reports).toEqual([]);
  }, 60_000);

  it('a wait that fails while the schedules are on the wire: they are journalled and deleted with the instance', async () => {
    let rollingBack = false;
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        // AWS makes the schedules at once, but their answers arrive after the wait has failed.
        { match: is('CreateSchedule'), fault: faults.late(4500) },
        // The wait's polls fail until its 3 s are up (the rollback's own polls then get through).
        {
          match: (r) => {
            if (r.action === 'TerminateInstances') rollingBack = true;
            return r.action === 'DescribeInstances' && !rollingBack;
          },
          fault: faults.unauthorized(),
        },
      ],
    });
    const launch = motoLaunch({
      endpoint: proxy.endpoint,
      scheduler: true,
      environment: { waitTimeoutMs: 3000 },
    });
    await expect(launch.run).rejects.toMatchObject({ name: 'UserError' });
    const deleted = launch.reports[0]?.deleted.map((r) => r.kind) ?? [];
    expect(deleted).toContain('instance');
    expect(deleted).toContain('cloud schedule');
    expect(await schedules()).toEqual([]);
  }, 60_000);
  it('the spawn:parent tags go out in the round of the schedules and the wait, not one before them', async () => {
    const seen: { op: string; at: number }[] = [];
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        {
          match: (r) => {
            seen.push({ op: op(r), at: Date.now() });
            return false;
          },
          fault: faults.serverError(),
        },
        // A slow CreateTags: had the schedules waited for it, they would be sent 1.5 s after it.
        { match: { action: 'CreateTags' }, fault: faults.delay(1500) },
      ],
    });
    const launch = motoLaunch({ endpoint: proxy.endpoint, scheduler: true });
    const made = expectLaunched(await launch.run);
    expect(made.backstop).toMatchObject({ kind: 'armed' });
    const at = (name: string) => seen.find((s) => s.op === name)?.at ?? Number.NaN;
    const run = seen.findIndex((s) => s.op === 'RunInstances');
    expect(seen.slice(run).map((s) => s.op)).toEqual(
      expect.arrayContaining(['CreateTags', 'CreateSchedule', 'DescribeInstances']),
    );
    expect(Math.abs(at('CreateSchedule') - at('CreateTags'))).toBeLessThan(1000);
    const firstPoll = seen.slice(run).find((s) => s.op === 'DescribeInstances')?.at ?? Number.NaN;
    expect(firstPoll - at('CreateTags')).toBeLessThan(1000);
  }, 60_000);

  it('a spawn:parent tag that fails while the schedules are armed: the schedules, instance, key and group are rolled back', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        // The schedules' answers come after the tag has failed: they were on the wire, so journalled.
        { match: is('CreateSchedule'), fault: faults.late(1500) },
        { match: { action: 'CreateTags' }, fault: faults.serverError() },
      ],
    });
    const launch = motoLaunch({ endpoint: proxy.endpoint, scheduler: true });
    await expect(launch.run).rejects.toMatchObject({ details: { operation: 'CreateTags' } });
    const deleted = launch.reports[0]?.deleted.map((r) => r.kind).sort() ?? [];
    expect(deleted).toEqual(
      expect.arrayContaining(['cloud schedule', 'instance', 'key pair', 'security group']),
    );
    expect(launch.reports.flatMap((r) => r.failed)).toEqual([]);
    expect(await own()).toEqual({ instances: [], keyPairs: [], securityGroups: [] });
    expect(await schedules()).toEqual([]);
  }, 60_000);
});
