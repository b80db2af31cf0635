import { EC2Client, TerminateInstancesCommand, waitUntilInstanceTerminated } from '@aws-sdk/client-ec2';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { roomForAll, withCapacity } from './_capacity-proxy.ts';
import { inventory, tagMap } from './_inventory.ts';
import { runSpawn, tempHome } from './_launch-test-io.ts';

// A --count group shares one security group: it must outlive every member but the last, whether
// members end through `spawn terminate` or on their own (spawnd) and `spawn cleanup` sweeps.
const moto = useMoto();
const ec2 = () => new EC2Client({ region: 'us-east-1' });
const launchGroup = async (home: string) => {
  const args = ['run', '-t', 't3.micro', '--ttl', '1h', '--ssh-cidr', '203.0.113.7/32', '--yes'];
  const run = await withCapacity(moto.endpoint, roomForAll, () =>
    runSpawn([...args, '--count', '3', '--name', 'grp', '--wait', 'running', '--', 'true'], {
      home,
      now: new Date(),
    }),
  );
  expect(run.code, run.stderr).toBe(0);
  const inv = await inventory();
  const groups = inv.securityGroups.filter((g) => tagMap(g.Tags)['spawn:group'] === 'grp');
  expect(groups).toHaveLength(1);
  const ids = Object.fromEntries(inv.instances.map((i) => [tagMap(i.Tags).Name, i.InstanceId ?? '']));
  return { groupId: groups[0]?.GroupId ?? '', ids };
};
const groupExists = async (groupId: string) =>
  (await inventory()).securityGroups.some((g) => g.GroupId === groupId);

describe('a --count group owns its security group together', () => {
  it('spawn terminate: member 0 (the tagged parent) leaves it; the last member takes it', {
    timeout: 180_000,
  }, async () => {
    const home = tempHome();
    const { groupId } = await launchGroup(home);
    const first = await runSpawn(['terminate', 'grp-0', '--yes'], { home });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toMatch(/Kept volume/);
    expect(first.stderr).toMatch(
      /Kept security-group sg-\S+ \(spawn-grp-\w+\): shared by the group grp: i-\w+ is running/,
    );
    expect(await groupExists(groupId)).toBe(true);
    const second = await runSpawn(['terminate', 'grp-1', '--yes'], { home });
    expect(second.code, second.stderr).toBe(0);
    expect(await groupExists(groupId)).toBe(true);
    const last = await runSpawn(['terminate', 'grp-2', '--yes'], { home });
    expect(last.code, last.stderr).toBe(0);
    expect(await groupExists(groupId)).toBe(false);
  });

  it('spawn cleanup: kept while one member lives, deleted once none does', { timeout: 180_000 }, async () => {
    const home = tempHome();
    const { groupId, ids } = await launchGroup(home);
    const end = async (names: string[]) => {
      const InstanceIds = names.map((n) => ids[n] ?? '');
      await ec2().send(new TerminateInstancesCommand({ InstanceIds }));
      await waitUntilInstanceTerminated({ client: ec2(), maxWaitTime: 60 }, { InstanceIds });
    };
    await end(['grp-0', 'grp-1']);
    const kept = await runSpawn(['cleanup', '--yes'], { home });
    expect(kept.code, kept.stderr).toBe(0);
    expect(await groupExists(groupId)).toBe(true);
    await end(['grp-2']);
    const swept = await runSpawn(['cleanup', '--yes'], { home });
    expect(swept.code, swept.stderr).toBe(0);
    expect(await groupExists(groupId)).toBe(false);
  });
});
