import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import {
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { faults, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { TAG } from '../tags.ts';
import { deleteDefaultVpc } from './_delete-default-vpc.ts';
import { expectUsable } from './_expect-usable.ts';
import { expectLaunched, motoLaunch } from './_moto-launch.ts';
import { describeLaunchInventory } from './inventory.ts';
import { ec2TrustPolicy, SPAWND_POLICY_NAME, SPAWND_ROLE_NAME } from './spawnd-policy.ts';

// Issue 12 acceptance in core, end to end against moto (and the fault proxy for injected faults):
// own vs shared resources, first launches racing, a surviving instance, a hung call, bad input.
const moto = useMoto();
/** Rounds of each race (the closing figures used SPAWN_RACE_ROUNDS=10). */
const ROUNDS = Number(process.env.SPAWN_RACE_ROUNDS ?? 3);
const MUTATING = /^(Create|Import|Run|Put|Add|Authorize|Attach|Associate|Modify|Replace|Update)/;

const tagOf = (tags: Tag[] | undefined, key: string) => tags?.find((t) => t.Key === key)?.Value;

async function own() {
  const inv = await describeLaunchInventory(new EC2Client({}), new IAMClient({}));
  return {
    instances: inv.instances.map((i) => i.InstanceId),
    keyPairs: inv.keyPairs,
    securityGroups: inv.securityGroups.map((g) => g.GroupId),
  };
}

describe('five concurrent first launches (moto)', () => {
  for (const [label, noDefaultVpc, sharedHome] of [
    ['no default VPC, shared HOME', true, true],
    ['no default VPC, separate HOMEs', true, false],
    ['a default VPC, shared HOME', false, true],
  ] as const) {
    it(`${label}: all succeed, each with a usable role, profile and route (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await moto.reset();
        if (noDefaultVpc) await deleteDefaultVpc(new EC2Client({}));
        const home = mkdtempSync(join(tmpdir(), 'spawn-race-'));
        const launches = Array.from({ length: 5 }, (_, i) =>
          motoLaunch({ homedir: sharedHome ? home : undefined, spec: { name: `race-${i}` } }),
        );
        const outcomes = await Promise.allSettled(launches.map((l) => l.run));
        expect(
          outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok')),
          `round ${round}`,
        ).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
        for (const o of outcomes)
          if (o.status === 'fulfilled') await expectUsable(expectLaunched(o.value).instanceId);
        // No launch deleted anything shared: every rollback report is empty.
        expect(launches.flatMap((l) => l.reports)).toEqual([]);
      }
    }, 240_000);
  }
});

describe('own versus shared resources (moto + fault proxy)', () => {
  it('a failed launch deletes only its own resources; the shared ones stay usable by another launch', async () => {
    await deleteDefaultVpc(new EC2Client({}));
    const first = motoLaunch({ spec: { name: 'keeper' } });
    const kept = expectLaunched(await first.run);
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'RunInstances' }, fault: faults.serverError() }],
    });
    const failed = motoLaunch({ endpoint: proxy.endpoint, spec: { name: 'loser' } });
    await expect(failed.run).rejects.toMatchObject({ name: 'UserError' });
    expect(failed.reports[0]?.deleted.map((r) => r.kind).sort()).toEqual(['key pair', 'security group']);
    expect(
      proxy.requests
        .map((r) => r.action)
        .filter((a) => /^(Delete|Detach|Disassociate|Remove)/.test(a ?? ''))
        .sort(),
    ).toEqual(['DeleteKeyPair', 'DeleteSecurityGroup']);
    await expectUsable(kept.instanceId);
    const after = await own();
    expect(after.instances).toEqual([kept.instanceId]);
    expect(after.keyPairs).toEqual([kept.keyName]);
    const next = motoLaunch({ spec: { name: 'next' } });
    await expectUsable(expectLaunched(await next.run).instanceId);
  }, 60_000);

  it('tags every own resource at birth with spawn:launch-id, and shared ones never', async () => {
    await deleteDefaultVpc(new EC2Client({}));
    const launch = motoLaunch();
    const made = expectLaunched(await launch.run);
    const groupId = launch.ctx.created.list().find((r) => r.kind === 'security group')?.id ?? '';
    const id = launch.ctx.launchId.value;
    expect(id).toMatch(/^l-[0-9a-z]+-[0-9a-f]{12}$/);
    const ec2 = new EC2Client({});
    const instance = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [made.instanceId] })))
      .Reservations?.[0]?.Instances?.[0];
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })))
      .SecurityGroups?.[0];
    const key = (await ec2.send(new DescribeKeyPairsCommand({ KeyNames: [made.keyName] }))).KeyPairs?.[0];
    expect([instance?.Tags, group?.Tags, key?.Tags].map((t) => tagOf(t, TAG.launchId))).toEqual([id, id, id]);
    expect([group?.Tags, key?.Tags].map((t) => tagOf(t, TAG.parent))).toEqual([
      made.instanceId,
      made.instanceId,
    ]);
    const vpcId = instance?.VpcId ?? '';
    const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs?.[0];
    expect(tagOf(vpc?.Tags, TAG.launchId)).toBeUndefined();
    const role = await new IAMClient({}).send(new GetRoleCommand({ RoleName: SPAWND_ROLE_NAME }));
    expect(tagOf(role.Role?.Tags, TAG.launchId)).toBeUndefined();
  }, 60_000);

  it('an instance that cannot be terminated keeps its security group and key, and fails with exit 7', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        // spawn:parent tagging fails after RunInstances, then the rollback cannot terminate.
        { match: (r) => r.action === 'CreateTags', fault: faults.serverError() },
        { match: { action: 'TerminateInstances' }, fault: faults.unauthorized() },
      ],
    });
    const launch = motoLaunch({ endpoint: proxy.endpoint });
    const error = await launch.run.then(
      () => undefined,
      (e: unknown) => e,
    );
    // Kept in the journal: what the rollback could not (or would not) delete.
    const kept = (kind: string) => launch.ctx.created.list().find((r) => r.kind === kind)?.id;
    const id = kept('instance');
    expect(error).toMatchObject({
      code: 'INSTANCE_NOT_TERMINATED',
      exitCode: 7,
      details: { instanceId: id },
    });
    expect(String((error as Error).message)).toContain(id);
    expect((error as { hint: string }).hint).toContain(`spawn terminate ${id}`);
    expect(launch.reports[0]).toMatchObject({ survivor: id, deleted: [] });
    expect(launch.reports[0]?.kept.map((r) => r.kind).sort()).toEqual(['key pair', 'security group']);
    const left = await own();
    expect(left.instances).toEqual([id]);
    expect(left.securityGroups).toEqual([kept('security group')]);
    expect(left.keyPairs).toEqual([kept('key pair')]);
  }, 60_000);
});

describe('plan, prepare, then launch (moto + fault proxy)', () => {
  it('a hung CreateSecurityGroup fails the launch at its deadline with a rollback, and RunInstances is never sent', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      maxHangMs: 20_000,
      rules: [{ match: { action: 'CreateSecurityGroup' }, fault: faults.hang() }],
    });
    const started = Date.now();
    // Not shorter: the lookups send their calls at once and moto answers one at a time; on a loaded
    // machine a cold moto answered GetCallerIdentity after more than 1.5 s (it, not the SG, timed out).
    const launch = motoLaunch({ endpoint: proxy.endpoint, environment: { callTimeoutMs: 4000 } });
    await expect(launch.run).rejects.toMatchObject({
      code: 'TIMEOUT',
      details: { operation: 'CreateSecurityGroup' },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    const actions = proxy.requests.map((r) => r.action);
    expect(actions).not.toContain('RunInstances');
    expect(launch.reports[0]?.deleted.map((r) => r.kind)).toEqual(['key pair']);
    expect(await own()).toEqual({ instances: [], keyPairs: [], securityGroups: [] });
  }, 60_000);

  it('a failed preparation step cancels its siblings and never sends RunInstances', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'ImportKeyPair' }, fault: faults.serverError() }],
    });
    const launch = motoLaunch({ endpoint: proxy.endpoint });
    await expect(launch.run).rejects.toMatchObject({ details: { operation: 'ImportKeyPair' } });
    expect(proxy.requests.map((r) => r.action)).not.toContain('RunInstances');
    expect(await own()).toEqual({ instances: [], keyPairs: [], securityGroups: [] });
  }, 60_000);

  it.each([
    [
      'an AZ that does not exist',
      { availabilityZone: 'us-east-1z' },
      /us-east-1z is not an availability zone/,
    ],
  ])(
    '%s fails in the lookup with nothing created',
    async (_, spec, message) => {
      await using proxy = await startFaultProxy({ target: moto.endpoint });
      const launch = motoLaunch({ endpoint: proxy.endpoint, spec });
      await expect(launch.run).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        exitCode: 2,
        message: expect.stringMatching(message),
      });
      expect(proxy.requests.map((r) => r.action).filter((a) => MUTATING.test(a ?? ''))).toEqual([]);
    },
    30_000,
  );
});

describe('--dry-run (moto + fault proxy)', () => {
  it('creates nothing, and says which IAM permissions it did not verify', async () => {
    await deleteDefaultVpc(new EC2Client({}));
    await using proxy = await startFaultProxy({ target: moto.endpoint });
    const launch = motoLaunch({ endpoint: proxy.endpoint, environment: { dryRun: true } });
    await launch.run;
    expect(launch.ctx.notes.join('\n')).toMatch(/IAM permissions NOT verified.*iam:CreateRole.*iam:PassRole/);
    // EC2 creates are only sent as DryRun checks; IAM writes are never sent.
    expect(
      proxy.requests
        .map((r) => r.action)
        .filter((a) => /^(Create(Role|InstanceProfile)|Put|Add)/.test(a ?? '')),
    ).toEqual([]);
    const inv = await describeLaunchInventory(new EC2Client({}), new IAMClient({}));
    expect(inv).toMatchObject({
      instances: [],
      keyPairs: [],
      securityGroups: [],
      vpcs: [],
      roles: [],
      instanceProfiles: [],
    });
  }, 60_000);
});

describe('half-made shared resources are repaired, not reported (moto)', () => {
  it('a role made by an older version (old policy, no profile) gets the current policy and a profile', async () => {
    const iam = new IAMClient({});
    await iam.send(
      new CreateRoleCommand({ RoleName: SPAWND_ROLE_NAME, AssumeRolePolicyDocument: ec2TrustPolicy() }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: SPAWND_ROLE_NAME,
        PolicyName: SPAWND_POLICY_NAME,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeTags'], Resource: '*' }],
        }),
      }),
    );
    const launch = motoLaunch();
    await expectUsable(expectLaunched(await launch.run).instanceId);
  }, 60_000);

  it('a profile without its role, and a spawn VPC without gateway or subnet, are completed', async () => {
    const ec2 = new EC2Client({});
    await deleteDefaultVpc(ec2);
    await ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.77.0.0/16',
        TagSpecifications: [
          {
            ResourceType: 'vpc',
            Tags: [
              { Key: TAG.managed, Value: 'true' },
              { Key: TAG.resource, Value: 'vpc' },
            ],
          },
        ],
      }),
    );
    await new IAMClient({}).send(new CreateInstanceProfileCommand({ InstanceProfileName: SPAWND_ROLE_NAME }));
    const launch = motoLaunch();
    const made = expectLaunched(await launch.run);
    await expectUsable(made.instanceId);
    const instance = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [made.instanceId] })))
      .Reservations?.[0]?.Instances?.[0];
    const vpcs = await ec2.send(new DescribeVpcsCommand({}));
    expect(vpcs.Vpcs?.map((v) => v.VpcId)).toEqual([instance?.VpcId]);
  }, 60_000);
});
