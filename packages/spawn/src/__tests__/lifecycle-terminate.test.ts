import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import {
  createInstance,
  createNetwork,
  createVolume,
  describeInstance,
  existingIds,
  importKey,
  keyPairId,
  runSpawnBin,
  tagResource,
  tempHome,
  terminateDirectly,
} from './_lifecycle-fixtures.ts';

const moto = useMoto();

describe('spawn terminate / cleanup through the built binary (moto)', { timeout: 120_000 }, () => {
  it('terminate --yes ends the instance, then deletes its spawn:parent resources and nothing else', async () => {
    await using home = await tempHome();
    const net = await createNetwork();
    await importKey('spawn-abc', { 'spawn:resource': 'key-pair' });
    const id = await createInstance({
      name: 'doomed',
      subnetId: net.subnetId,
      securityGroupIds: [net.sshGroupId],
      keyName: 'spawn-abc',
    });
    await tagResource('us-east-1', [net.sshGroupId, await keyPairId('spawn-abc')], {
      'spawn:managed': 'true',
      'spawn:parent': id,
    });
    const bystander = await createInstance({ name: 'bystander' });

    const run = await runSpawnBin(moto, home.dir, ['terminate', 'doomed', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect((await describeInstance(id)).State?.Name).toBe('terminated');
    const left = await existingIds();
    expect(left.has(net.sshGroupId)).toBe(false);
    expect(left.has('spawn-abc')).toBe(false);
    // Not tagged with this parent: untouched.
    for (const other of [net.peerGroupId, net.vpcId, net.subnetId]) expect(left.has(other)).toBe(true);
    expect((await describeInstance(bystander)).State?.Name).toBe('running');
    expect(run.stderr).toContain(`Deleted security-group ${net.sshGroupId}`);
    expect(run.stderr).toContain('Deleted key-pair');
  });

  it('a key pair still used by another live instance is kept', async () => {
    await using home = await tempHome();
    await importKey('spawn-shared', {});
    const first = await createInstance({ name: 'first', keyName: 'spawn-shared' });
    await createInstance({ name: 'second', keyName: 'spawn-shared' });
    await tagResource('us-east-1', [await keyPairId('spawn-shared')], {
      'spawn:managed': 'true',
      'spawn:parent': first,
    });
    const run = await runSpawnBin(moto, home.dir, ['terminate', 'first', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect((await existingIds()).has('spawn-shared')).toBe(true);
    expect(run.stderr).toMatch(/Kept key-pair .*still used by i-/);
  });

  it('without --yes and without a terminal it refuses (exit 2) and terminates nothing', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'safe' });
    const run = await runSpawnBin(moto, home.dir, ['terminate', 'safe']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect((await describeInstance(id)).State?.Name).toBe('running');
  });

  it('cleanup --shared is a dry run by default, and --yes deletes the whole chain in dependency order', async () => {
    await using home = await tempHome();
    const net = await createNetwork();
    const gone = await createInstance({
      name: 'gone',
      subnetId: net.subnetId,
      securityGroupIds: [net.sshGroupId],
    });
    const alive = await createInstance({ name: 'alive' });
    const volume = await createVolume(100, { 'spawn:managed': 'true', 'spawn:parent': gone });
    const aliveVolume = await createVolume(50, { 'spawn:parent': alive });
    await importKey('spawn-gone', { 'spawn:managed': 'true', 'spawn:parent': gone });
    await importKey('not-spawn', {});
    const chain = [net.vpcId, net.subnetId, net.igwId, net.routeTableId, net.sshGroupId, net.peerGroupId];
    await tagResource('us-east-1', chain, { 'spawn:managed': 'true', 'spawn:parent': gone });
    const untagged = await createNetwork();
    // The SG is still attached to the instance, so the instance must be terminated for cleanup to act.
    await terminateDirectly(gone);

    const dry = await runSpawnBin(moto, home.dir, ['cleanup', '--shared']);
    expect(dry.code, dry.stderr).toBe(0);
    for (const id of [...chain, volume, 'spawn-gone']) expect(dry.stderr).toContain(id);
    expect(dry.stderr).not.toContain(aliveVolume);
    expect(dry.stderr).toContain('saves about $8.00/month');
    expect(dry.stderr).toContain('Dry run: nothing was deleted');
    expect(dry.stdout).toBe('');
    const before = await existingIds();
    for (const id of [...chain, volume, 'spawn-gone']) expect(before.has(id)).toBe(true);

    const wet = await runSpawnBin(moto, home.dir, ['cleanup', '--shared', '--yes']);
    expect(wet.code, wet.stderr).toBe(0);
    const after = await existingIds();
    for (const id of [...chain, volume, 'spawn-gone']) expect(after.has(id), id).toBe(false);
    for (const id of [aliveVolume, 'not-spawn', ...Object.values(untagged)])
      expect(after.has(id), id).toBe(true);
    const deleted = [...wet.stderr.matchAll(/Deleted (\S+) /g)].map((m) => m[1]);
    expect(deleted).toEqual([
      'security-group',
      'security-group',
      'key-pair',
      'internet-gateway',
      'subnet',
      'route-table',
      'vpc',
      'volume',
    ]);
    expect((await runSpawnBin(moto, home.dir, ['cleanup', '--shared'])).stderr).toContain(
      'nothing to clean up',
    );
  });
});
