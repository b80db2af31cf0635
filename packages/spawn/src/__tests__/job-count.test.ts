import { DescribeInstanceAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { instanceState } from '../../../core/src/agent/__tests__/spawnd-harness.ts';
import { getTerminationSchedule } from '../../../core/src/scheduler/termination-schedule.ts';
import { roomForAll, withCapacity } from './_capacity-proxy.ts';
import { inventory, tagMap } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

// spawn run --count and spawn wait --group, in process against moto (behind the capacity proxy:
// moto starts MinCount instances, EC2 with room starts MaxCount; see _capacity-proxy.ts).
const moto = useMoto();
const ec2 = () => new EC2Client({ region: 'us-east-1' });
const base = [
  '--instance-type',
  't3.micro',
  '--ttl',
  '1h',
  '--ssh-cidr',
  '203.0.113.7/32',
  '--wait',
  'running',
];

describe('spawn run --count', () => {
  it('N instances from ONE RunInstances: NAME-i, one spawn:group, SPAWN_COUNT N, one index offset', {
    timeout: 120_000,
  }, async () => {
    const run = await withCapacity(moto.endpoint, roomForAll, async (sent) => ({
      ...(await runSpawn(['run', ...base, '--yes', '--count', '2', '--name', 'sweep', '--', 'sweep.sh'])),
      sent,
    }));
    expect(run.code, run.stderr).toBe(0);
    const runs = run.sent.filter((r) => r.action === 'RunInstances');
    expect(runs.map((r) => [r.params.get('MinCount'), r.params.get('MaxCount')])).toEqual([['1', '2']]);
    expect(run.sent.filter((r) => r.action === 'CreateSecurityGroup')).toHaveLength(1);
    const instances = (await inventory()).instances.sort((a, b) =>
      String(tagMap(a.Tags).Name).localeCompare(String(tagMap(b.Tags).Name)),
    );
    expect(instances.map((i) => tagMap(i.Tags).Name)).toEqual(['sweep-0', 'sweep-1']);
    for (const [n, i] of instances.entries()) {
      expect(tagMap(i.Tags)).toMatchObject({ 'spawn:group': 'sweep', 'spawn:job': 'queued' });
      const attr = await ec2().send(
        new DescribeInstanceAttributeCommand({ InstanceId: i.InstanceId, Attribute: 'userData' }),
      );
      const userData = Buffer.from(attr.UserData?.Value ?? '', 'base64').toString('utf8');
      // One call, one user-data: the job adds each instance's ami-launch-index (0, 1) to offset 0.
      expect(userData).toContain('index=$((index + 0))');
      expect(userData).toContain("JOB_COUNT='2'");
      expect(i.AmiLaunchIndex).toBe(n);
    }
    // One plan for the group: every name, N x the price; each member its own backstop schedule.
    expect(run.stderr).toContain('  Name       sweep-0..sweep-1 (2 instances, spawn:group sweep)');
    expect(run.stderr).toMatch(/ {2}Cost {7}2 x \$0\.\d+\/hour/);
    expect(run.stderr).toContain('Named sweep-0..sweep-1 (spawn:group sweep)');
    const scheduler = new SchedulerClient({ region: 'us-east-1' });
    for (const i of instances)
      expect(await getTerminationSchedule(scheduler, i.InstanceId ?? '', 'us-east-1')).toBeDefined();
    const jobs = run.records.map((r) => r.job as Record<string, unknown>);
    expect(run.records.map((r) => r.name)).toEqual(['sweep-0', 'sweep-1']);
    expect(jobs.map((j) => j?.index)).toEqual([0, 1]);
    expect(jobs.map((j) => j?.group)).toEqual(['sweep', 'sweep']);
  });

  it('records piped in: the group launches from the record (standard input is read once)', {
    timeout: 120_000,
  }, async () => {
    const offer = JSON.stringify({
      v: 1,
      type: 'offer',
      instanceType: 't3.micro',
      region: 'us-east-1',
      vcpus: 2,
      memoryMiB: 1024,
      architecture: 'x86_64',
      market: 'on-demand',
      pricePerHour: 0.0104,
    });
    const argv = ['run', '--ttl', '1h', '--ssh-cidr', '203.0.113.7/32', '--wait', 'running'];
    const run = await withCapacity(moto.endpoint, roomForAll, () =>
      runSpawn([...argv, '--yes', '--count', '3', '--name', 'piped', '--', 'true'], {
        stdinText: `${offer}\n`,
      }),
    );
    expect(run.code, run.stderr).toBe(0);
    const names = (await inventory()).instances.map((i) => tagMap(i.Tags).Name).sort();
    expect(names).toEqual(['piped-0', 'piped-1', 'piped-2']);
  });

  it.each([
    ['--count 0', ['--yes', '--count', '0'], /count/],
    ['--count 1000', ['--yes', '--count', '1000'], /at most 100 instances per run/],
    ['--count 11 without --yes', ['--count', '11'], /confirm with --yes/],
  ])('%s: a clean usage error, nothing created', async (_, extra, message) => {
    const run = await runSpawn(['run', ...base, ...extra, '--', 'true']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect((await inventory()).instances).toEqual([]);
  });
});

describe('spawn wait --group', () => {
  const member = (name: string, tags: Record<string, string>) =>
    launchTestInstance(ec2(), { Name: name, 'spawn:managed': 'true', 'spawn:group': 'g', ...tags });

  it('0 only if all succeeded; else the first failed job exit code', { timeout: 30_000 }, async () => {
    await member('g-0', { 'spawn:job': 'succeeded', 'spawn:job-exit': '0' });
    await member('g-1', { 'spawn:job': 'failed', 'spawn:job-exit': '4' });
    await member('g-2', { 'spawn:job': 'failed', 'spawn:job-exit': '7' });
    await launchTestInstance(ec2(), { Name: 'other', 'spawn:managed': 'true', 'spawn:job': 'running' });
    const run = await runSpawn(['wait', '--group', 'g', '--interval', '1s', '--output', 'ndjson']);
    expect(run.code).toBe(4);
    expect(run.records.filter((r) => r.type === 'job').map((r) => r.name)).toEqual(['g-0', 'g-1', 'g-2']);
  });

  it('list --group shows only the group; terminate --group ends all of it and nothing else', {
    timeout: 120_000,
  }, async () => {
    const ids = [
      await member('g-0', { 'spawn:job': 'running' }),
      await member('g-1', { 'spawn:job': 'running' }),
    ];
    const other = await launchTestInstance(ec2(), {
      Name: 'other',
      'spawn:managed': 'true',
      'spawn:group': 'h',
    });
    const list = await runSpawn(['list', '--group', 'g', '--output', 'ndjson']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.records.map((r) => r.name)).toEqual(['g-0', 'g-1']);
    const refused = await runSpawn(['terminate', '--group', 'g']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Not terminating 2 instances of group g: g-0, g-1 without confirmation');
    const both = await runSpawn(['terminate', 'g-0', '--group', 'g', '--yes']);
    expect(both.code).toBe(2);
    const run = await runSpawn(['terminate', '--group', 'g', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    for (const id of ids) expect(await instanceState(ec2(), id)).toBe('terminated');
    expect(await instanceState(ec2(), other)).toBe('running');
  });

  it('all succeeded: 0', { timeout: 30_000 }, async () => {
    await member('g-0', { 'spawn:job': 'succeeded', 'spawn:job-exit': '0' });
    await member('g-1', { 'spawn:job': 'succeeded', 'spawn:job-exit': '0' });
    const run = await runSpawn(['wait', '--group', 'g', '--interval', '1s']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('all 2 jobs succeeded');
  });
});
