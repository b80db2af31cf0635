import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { type Capacity, withCapacity } from './_capacity-proxy.ts';
import { inventory, tagMap } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';
import type { SentRequest } from './_query-bodies.ts';

// spawn run --count N as one launch against moto: the capacity proxy stands in for EC2's room per
// RunInstances call (moto itself always starts MinCount; EC2 starts up to MaxCount).
const moto = useMoto();
const ec2 = () => new EC2Client({ region: 'us-east-1' });
const argv = (count: number, ...extra: string[]) => [
  'run',
  '-t',
  't3.micro',
  '--ttl',
  '1h',
  '--ssh-cidr',
  '203.0.113.7/32',
  '--yes',
  '--count',
  String(count),
  '--name',
  'p',
  '--wait',
  'running',
  ...extra,
  '--',
  'true',
];
const runWith = (capacity: Capacity, args: string[], o: { signal?: AbortSignal } = {}) =>
  withCapacity(moto.endpoint, capacity, async (sent) => ({ ...(await runSpawn(args, o)), sent }));
const runCalls = (sent: SentRequest[]) => {
  // The SDK retries a refusal (HTTP 500) with the same token: one call per ClientToken.
  const byToken = new Map<string, URLSearchParams>();
  for (const r of sent)
    if (r.action === 'RunInstances') byToken.set(r.params.get('ClientToken') ?? '', r.params);
  return [...byToken.values()];
};
const userData = (p: URLSearchParams) => Buffer.from(p.get('UserData') ?? '', 'base64').toString('utf8');
async function zoneOf(subnetId: string | null): Promise<string | undefined> {
  const out = await ec2().send(new DescribeSubnetsCommand({ SubnetIds: [subnetId ?? ''] }));
  return out.Subnets?.[0]?.AvailabilityZone;
}
const live = async () =>
  (await inventory()).instances
    .map((i) => ({ name: tagMap(i.Tags).Name, zone: i.Placement?.AvailabilityZone, tags: tagMap(i.Tags) }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));

describe('spawn run --count: capacity per AZ', () => {
  it('the first AZ refuses: the whole group is asked for in the next AZ offering the type', {
    timeout: 120_000,
  }, async () => {
    const run = await runWith((n) => (n === 1 ? 0 : Number.POSITIVE_INFINITY), argv(3));
    expect(run.code, run.stderr).toBe(0);
    const [first, second, ...more] = runCalls(run.sent);
    expect(more).toEqual([]);
    expect(await zoneOf(first?.get('SubnetId') ?? null)).toBe('us-east-1a');
    expect(await zoneOf(second?.get('SubnetId') ?? null)).toBe('us-east-1b');
    expect(second?.get('MaxCount')).toBe('3');
    expect(run.stderr).toContain('Asking us-east-1b for the other 3.');
    expect((await live()).map((i) => [i.name, i.zone])).toEqual([
      ['p-0', 'us-east-1b'],
      ['p-1', 'us-east-1b'],
      ['p-2', 'us-east-1b'],
    ]);
  });

  it('k < N started: the rest from the next AZ, whose user-data carries the index offset k', {
    timeout: 120_000,
  }, async () => {
    const run = await runWith((n) => (n === 1 ? 2 : Number.POSITIVE_INFINITY), argv(3));
    expect(run.code, run.stderr).toBe(0);
    const calls = runCalls(run.sent);
    expect(calls.map((c) => c.get('MaxCount'))).toEqual(['3', '1']);
    expect(calls.map((c) => userData(c).match(/index=\$\(\(index \+ (\d+)\)\)/)?.[1])).toEqual(['0', '2']);
    expect((await live()).map((i) => [i.name, i.zone, i.tags['spawn:group']])).toEqual([
      ['p-0', 'us-east-1a', 'p'],
      ['p-1', 'us-east-1a', 'p'],
      ['p-2', 'us-east-1b', 'p'],
    ]);
    expect(run.records.map((r) => (r.job as { index?: number }).index)).toEqual([0, 1, 2]);
  });

  it('still short of N without --partial: everything the launch created is rolled back; exit 5', {
    timeout: 120_000,
  }, async () => {
    const before = await inventory();
    const run = await runWith((n) => (n === 1 ? 1 : 0), argv(3));
    expect(run.code, run.stderr).toBe(5);
    // spawn's pick, then every other AZ offering t3.micro (moto has none in us-east-1e).
    expect(runCalls(run.sent)).toHaveLength(5);
    expect(run.stderr).toMatch(/Only 1 of 3 instances got capacity/);
    expect(run.stderr).toMatch(/deleted instance i-/);
    expect(run.stderr).toMatch(/deleted security group sg-/);
    const after = await inventory();
    expect(after.instances).toEqual([]);
    expect(after.securityGroups.map((g) => g.GroupId)).toEqual(before.securityGroups.map((g) => g.GroupId));
    expect(after.keyPairs).toEqual(before.keyPairs);
  });

  it('with --partial: what launched is kept and named, and the missing names are said', {
    timeout: 120_000,
  }, async () => {
    const run = await runWith((n) => (n === 1 ? 1 : n === 2 ? 1 : 0), argv(4, '--partial'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'Only 2 of 4 launched (p-0, p-1); kept (--partial). No capacity for p-2, p-3',
    );
    expect((await live()).map((i) => i.name)).toEqual(['p-0', 'p-1']);
    expect(run.records.map((r) => r.name)).toEqual(['p-0', 'p-1']);
  });

  it('--az pins the place: no other AZ is asked, and the short group is rolled back', {
    timeout: 120_000,
  }, async () => {
    const run = await runWith((n) => (n === 1 ? 2 : Number.POSITIVE_INFINITY), argv(3, '--az', 'us-east-1c'));
    expect(run.code, run.stderr).toBe(5);
    expect(runCalls(run.sent)).toHaveLength(1);
    expect((await inventory()).instances).toEqual([]);
  });

  it('a non-capacity failure is never retried in another AZ, and rolls back even with --partial', {
    timeout: 120_000,
  }, async () => {
    const run = await withCapacity(
      moto.endpoint,
      (n) => (n === 1 ? 1 : Number.POSITIVE_INFINITY),
      async (sent) => {
        // The second call is refused for a reason that is not capacity: the AZ is not the problem.
        const { startFaultProxy } = await import('@truffle-spawn/test-utils/fault-proxy');
        await using proxy = await startFaultProxy({
          target: process.env.AWS_ENDPOINT_URL ?? '',
          rules: [
            {
              match: { action: 'RunInstances' },
              calls: [2],
              fault: { kind: 'error', status: 403, code: 'UnauthorizedOperation', message: 'not allowed' },
            },
          ],
        });
        const before = process.env.AWS_ENDPOINT_URL;
        process.env.AWS_ENDPOINT_URL = proxy.endpoint;
        try {
          return { ...(await runSpawn(argv(3, '--partial'))), sent };
        } finally {
          process.env.AWS_ENDPOINT_URL = before;
        }
      },
    );
    expect(run.code, run.stderr).toBe(4);
    expect(runCalls(run.sent)).toHaveLength(1);
    expect((await inventory()).instances).toEqual([]);
  });

  it('Ctrl-C right after RunInstances: exit 130 and every instance of the group is terminated', {
    timeout: 120_000,
  }, async () => {
    const ctrlC = new AbortController();
    const run = await runWith(
      () => {
        setTimeout(() => ctrlC.abort(), 50);
        return Number.POSITIVE_INFINITY;
      },
      argv(3),
      { signal: ctrlC.signal },
    );
    expect(run.code, run.stderr).toBe(130);
    expect(runCalls(run.sent)).toHaveLength(1);
    expect((await inventory()).instances).toEqual([]);
  });
});
