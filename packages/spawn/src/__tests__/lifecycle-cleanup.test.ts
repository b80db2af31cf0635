import { PassThrough } from 'node:stream';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createCommandContext } from '@truffle-spawn/core/cli-kit';
import { faults } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { ensureSchedulerRole } from '../../../core/src/scheduler/ensure-scheduler-role.ts';
import {
  getTerminationSchedule,
  putTerminationSchedule,
} from '../../../core/src/scheduler/termination-schedule.ts';
import { cleanup as cleanupCommand } from '../command-table.ts';
import { run as cleanup } from '../commands/cleanup.ts';
import { inputOf } from './_command-input.ts';
import { LAUNCH_ARGS, withProxy } from './_fault-harness.ts';
import { runSpawn } from './_launch-test-io.ts';
import {
  createInstance,
  createNetwork,
  createVolume,
  describeInstance,
  ec2,
  existingIds,
  importKey,
  runSpawnBin,
  tagResource,
  tempHome,
  terminateDirectly,
} from './_lifecycle-fixtures.ts';

const moto = useMoto();
const MINUTE = 60_000;

/** A security group in the default VPC with the given tags (set at birth, as a launch does). */
async function securityGroup(name: string, tags: Record<string, string>): Promise<string> {
  const { CreateSecurityGroupCommand } = await import('@aws-sdk/client-ec2');
  const out = await ec2().send(
    new CreateSecurityGroupCommand({
      GroupName: name,
      Description: name,
      TagSpecifications: [
        {
          ResourceType: 'security-group',
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        },
      ],
    }),
  );
  return out.GroupId as string;
}

/** A launch id in the format launch writes: `l-<ms base36>-<random>`. */
const launchId = (atMs: number) => `l-${atMs.toString(36)}-${Math.random().toString(16).slice(2, 14)}`;

/** `spawn cleanup` in-process with the clock at `nowMs` (moto cannot backdate a resource). */
async function runCleanup(opts: { yes?: boolean; shared?: boolean }, nowMs = Date.now()) {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (c: Buffer) => chunks.push(c));
  const io = {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr,
    env: process.env,
    platform: 'linux' as const,
    homedir: '/nonexistent',
    cwd: '/',
    now: () => new Date(nowMs),
  };
  const ctx = createCommandContext(io, { cache: false }, new AbortController().signal);
  const error = await cleanup(ctx, inputOf(cleanupCommand, opts)).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { stderr: Buffer.concat(chunks).toString('utf8'), error };
}

const iam = () => new IAMClient({ region: 'us-east-1' });
const MANAGED = [{ Key: 'spawn:managed', Value: 'true' }];

async function spawndRole(o: { managed?: boolean; profile?: boolean } = {}) {
  const Tags = o.managed === false ? [] : MANAGED;
  await iam().send(
    new CreateRoleCommand({
      RoleName: 'spawnd-agent',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
      Tags,
    }),
  );
  await iam().send(
    new PutRolePolicyCommand({
      RoleName: 'spawnd-agent',
      PolicyName: 'spawnd',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeTags', Resource: '*' }],
      }),
    }),
  );
  if (o.profile === false) return;
  await iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: 'spawnd-agent', Tags }));
  await iam().send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'spawnd-agent', RoleName: 'spawnd-agent' }),
  );
}

const exists = (call: Promise<unknown>) =>
  call.then(
    () => true,
    (e: { name?: string }) => {
      if (e.name?.startsWith('NoSuchEntity')) return false;
      throw e;
    },
  );
const roleExists = () => exists(iam().send(new GetRoleCommand({ RoleName: 'spawnd-agent' })));
const profileExists = () =>
  exists(iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'spawnd-agent' })));

describe('spawn cleanup never deletes what is not spawn’s (moto, built binary)', { timeout: 120_000 }, () => {
  it('only spawn:managed=true (the value) is selected: managed=false, other values and a bare spawn:parent are untouched', async () => {
    await using home = await tempHome();
    const gone = await createInstance({ name: 'gone' });
    await terminateDirectly(gone);
    const never = 'i-0123456789abcdef0';
    const notSpawns = [
      await createVolume(10, { 'spawn:managed': 'false' }),
      await createVolume(10, { 'spawn:managed': 'false', 'spawn:parent': gone }),
      await createVolume(10, { 'spawn:managed': 'TRUE', 'spawn:parent': gone }),
      await createVolume(10, { 'spawn:parent': gone }),
      await securityGroup('user-managed-false', { 'spawn:managed': 'false', 'spawn:parent': gone }),
      await securityGroup('user-bare-parent', { 'spawn:parent': never }),
      await securityGroup('user-empty', { 'spawn:managed': '', 'spawn:parent': gone }),
    ];
    await importKey('user-key', { 'spawn:managed': 'false', 'spawn:parent': gone });
    // One real leftover, so a cleanup that deletes nothing at all cannot pass.
    const leftover = await securityGroup('spawn-leftover', { 'spawn:managed': 'true', 'spawn:parent': gone });

    const dry = await runSpawnBin(moto, home.dir, ['cleanup', '--shared']);
    expect(dry.code, dry.stderr).toBe(0);
    for (const id of notSpawns) expect(dry.stderr).not.toContain(id);
    const run = await runSpawnBin(moto, home.dir, ['cleanup', '--shared', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    const left = await existingIds();
    expect(left.has(leftover)).toBe(false);
    for (const id of [...notSpawns, 'user-key']) expect(left.has(id), id).toBe(true);
  });

  it('terminate deletes only its spawn:managed=true resources, not a user group tagged with its parent', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'doomed' });
    const own = await securityGroup('spawn-own', { 'spawn:managed': 'true', 'spawn:parent': id });
    const users = await securityGroup('users', { 'spawn:managed': 'false', 'spawn:parent': id });
    const run = await runSpawnBin(moto, home.dir, ['terminate', 'doomed', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    const left = await existingIds();
    expect(left.has(own)).toBe(false);
    expect(left.has(users)).toBe(true);
  });
});

describe('spawn cleanup finds what crashed launches left (moto, in-process clock)', {
  timeout: 120_000,
}, () => {
  it('a launch-id leftover with no instance goes once older than 30 min; a younger one is kept', async () => {
    const born = Date.now();
    const crashed = launchId(born);
    const sg = await securityGroup('spawn-crashed', { 'spawn:managed': 'true', 'spawn:launch-id': crashed });
    await importKey('spawn-crashed', { 'spawn:managed': 'true', 'spawn:launch-id': crashed });

    const young = await runCleanup({ yes: true }, born + 10 * MINUTE);
    expect(young.error).toBeUndefined();
    expect(young.stderr).toContain('its launch may still be running');
    expect(young.stderr).toContain('nothing to clean up');
    expect((await existingIds()).has(sg)).toBe(true);

    const old = await runCleanup({ yes: true }, born + 31 * MINUTE);
    expect(old.error, old.stderr).toBeUndefined();
    expect(old.stderr).toContain(`Deleted security-group ${sg}`);
    const left = await existingIds();
    expect(left.has(sg)).toBe(false);
    expect(left.has('spawn-crashed')).toBe(false);
  });

  it('keeps a launch-id leftover while an instance of that launch lives, deletes it after', async () => {
    const born = Date.now();
    const id = launchId(born);
    const sg = await securityGroup('spawn-live', { 'spawn:managed': 'true', 'spawn:launch-id': id });
    const instance = await createInstance({ name: 'live', tags: { 'spawn:launch-id': id } });
    const later = born + 2 * 60 * MINUTE;
    const kept = await runCleanup({ yes: true }, later);
    expect(kept.stderr).toContain(`Kept security-group ${sg}`);
    expect(kept.stderr).toContain(instance);
    expect((await existingIds()).has(sg)).toBe(true);
    await terminateDirectly(instance);
    const gone = await runCleanup({ yes: true }, later);
    expect(gone.error, gone.stderr).toBeUndefined();
    expect((await existingIds()).has(sg)).toBe(false);
  });

  it('a launch id without a time (older format) on a security group is kept: its age is unknown', async () => {
    const sg = await securityGroup('spawn-old', {
      'spawn:managed': 'true',
      'spawn:launch-id': 'l-0123456789abcdef0123',
    });
    const r = await runCleanup({ yes: true }, Date.now() + 24 * 60 * MINUTE);
    expect(r.stderr).toContain('its age is unknown');
    expect((await existingIds()).has(sg)).toBe(true);
  });

  it('a managed volume with no parent and no instance goes only after the grace period (EC2 CreateTime)', async () => {
    const vol = await createVolume(20, { 'spawn:managed': 'true', 'spawn:launch-id': launchId(Date.now()) });
    expect((await runCleanup({ yes: true })).stderr).toContain(`Kept volume ${vol}`);
    const r = await runCleanup({ yes: true }, Date.now() + 31 * MINUTE);
    expect(r.error, r.stderr).toBeUndefined();
    expect((await existingIds()).has(vol)).toBe(false);
  });
});

describe('spawn cleanup --shared: the network and IAM only when unused (moto)', { timeout: 180_000 }, () => {
  it('default cleanup keeps the shared network and IAM; --shared keeps them while used, removes them after', async () => {
    const net = await createNetwork();
    const shared = [net.vpcId, net.subnetId, net.igwId, net.routeTableId];
    await tagResource('us-east-1', shared, { 'spawn:managed': 'true', 'spawn:resource': 'vpc' });
    await spawndRole();
    const user = await createInstance({ name: 'user', subnetId: net.subnetId });
    const later = Date.now() + 60 * MINUTE;

    const plain = await runCleanup({ yes: true }, later);
    expect(plain.error, plain.stderr).toBeUndefined();
    expect(plain.stderr).toContain('spawn cleanup --shared');
    expect(await roleExists()).toBe(true);

    const used = await runCleanup({ yes: true, shared: true }, later);
    expect(used.error, used.stderr).toBeUndefined();
    expect(used.stderr).toMatch(new RegExp(`Kept iam-role spawnd-agent: still needed by ${user}`));
    expect(used.stderr).toContain(`its network is still used by ${user}`);
    const whileUsed = await existingIds();
    for (const id of shared) expect(whileUsed.has(id), id).toBe(true);
    expect(await roleExists()).toBe(true);
    expect(await profileExists()).toBe(true);

    await terminateDirectly(user);
    expect((await describeInstance(user)).State?.Name).toBe('terminated');
    const unused = await runCleanup({ yes: true, shared: true }, later);
    expect(unused.error, unused.stderr).toBeUndefined();
    expect(unused.stderr).toContain('Deleted instance-profile spawnd-agent');
    expect(unused.stderr).toContain('Deleted iam-role spawnd-agent');
    expect(await roleExists()).toBe(false);
    expect(await profileExists()).toBe(false);
    const after = await existingIds();
    for (const id of shared) expect(after.has(id), id).toBe(false);
  });

  it('a half-made role (no profile) is removed by --shared; a same-named role without spawn:managed=true is never touched', async () => {
    await spawndRole({ profile: false });
    const r = await runCleanup({ yes: true, shared: true });
    expect(r.error, r.stderr).toBeUndefined();
    expect(await roleExists()).toBe(false);

    await spawndRole({ managed: false });
    const s = await runCleanup({ yes: true, shared: true });
    expect(s.error, s.stderr).toBeUndefined();
    expect(s.stderr).toContain('nothing to clean up');
    expect(await roleExists()).toBe(true);
    expect(await profileExists()).toBe(true);
  });
});

describe('spawn cleanup: cloud-backstop schedules of gone instances (moto)', { timeout: 120_000 }, () => {
  it('deletes the schedule of a terminated or unknown instance, keeps a live one’s', async () => {
    const scheduler = new SchedulerClient({ region: 'us-east-1' });
    const { roleArn } = await ensureSchedulerRole(iam(), { accountId: '123456789012', partition: 'aws' });
    const live = await createInstance({ name: 'live' });
    const dead = await createInstance({ name: 'dead' });
    await terminateDirectly(dead);
    const ghost = 'i-0000000000000dead';
    const at = Date.now() + 60 * MINUTE;
    for (const instanceId of [live, dead, ghost])
      await putTerminationSchedule(scheduler, {
        instanceId,
        region: 'us-east-1',
        atMs: at,
        roleArn,
        now: Date.now(),
      });

    const dry = await runCleanup({});
    expect(dry.stderr).toContain(`spawn-${dead}`);
    expect(dry.stderr).not.toContain(`spawn-${live}`);
    expect(await getTerminationSchedule(scheduler, dead, 'us-east-1')).toBeDefined();

    const wet = await runCleanup({ yes: true });
    expect(wet.error, wet.stderr).toBeUndefined();
    expect(wet.stderr).toContain(`Deleted schedule spawn-${ghost}`);
    expect(await getTerminationSchedule(scheduler, dead, 'us-east-1')).toBeUndefined();
    expect(await getTerminationSchedule(scheduler, ghost, 'us-east-1')).toBeUndefined();
    expect(await getTerminationSchedule(scheduler, live, 'us-east-1')).toBeDefined();
    // The scheduler role is shared: plain cleanup keeps it.
    expect(wet.stderr).toContain('spawn cleanup --shared');
  });
});

describe('spawn cleanup after a launch whose rollback failed (moto + fault proxy)', {
  timeout: 180_000,
}, () => {
  it('finds the security group and key pair the failed rollback left, by their launch id, and deletes them', async () => {
    const run = await withProxy(
      moto,
      [
        { match: { service: 'ec2', action: 'RunInstances' }, fault: faults.serverError() },
        { match: { service: 'ec2', action: 'DeleteSecurityGroup' }, fault: faults.serverError() },
        { match: { service: 'ec2', action: 'DeleteKeyPair' }, fault: faults.serverError() },
      ],
      () => runSpawn([...LAUNCH_ARGS, '--wait', 'running'], { now: new Date() }),
    );
    expect(run.code, run.stderr).not.toBe(0);
    const { DescribeSecurityGroupsCommand, DescribeKeyPairsCommand } = await import('@aws-sdk/client-ec2');
    const byLaunch = [{ Name: 'tag-key', Values: ['spawn:launch-id'] }];
    const groups =
      (await ec2().send(new DescribeSecurityGroupsCommand({ Filters: byLaunch }))).SecurityGroups ?? [];
    const keys = (await ec2().send(new DescribeKeyPairsCommand({ Filters: byLaunch }))).KeyPairs ?? [];
    expect(groups.length + keys.length, 'the faults should have left something behind').toBeGreaterThan(0);
    for (const r of [...groups, ...keys]) expect(r.Tags?.some((t) => t.Key === 'spawn:parent')).toBe(false);

    const young = await runCleanup({ yes: true });
    expect(young.stderr).toContain('its launch may still be running');
    const old = await runCleanup({ yes: true }, Date.now() + 31 * MINUTE);
    expect(old.error, old.stderr).toBeUndefined();
    const left = await existingIds();
    for (const g of groups) expect(left.has(g.GroupId as string), g.GroupId).toBe(false);
    for (const k of keys) expect(left.has(k.KeyName as string), k.KeyName).toBe(false);
  });
});
