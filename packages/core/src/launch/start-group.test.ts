import {
  type _InstanceType,
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_SPEC, testPlan, testStepContext } from './_test-step-context.ts';
import type { ReadyResources } from './steps/run-instance.ts';
import { startGroup } from './steps/start-group.ts';

// The group's RunInstances calls against a mocked EC2 (moto always starts MinCount, so EC2
// answering fewer than MaxCount is only reachable here and through the e2e capacity proxy).
const ec2Mock = mockClient(EC2Client);
const job = {
  command: ['true'],
  onComplete: 'terminate' as const,
  completeDelayMs: 60_000,
  count: 3,
  indexOffset: 0,
  group: 'g',
  awaitUpload: false,
};
const plan = testPlan({ spec: { ...TEST_SPEC, name: 'g', job } });
const ready: ReadyResources = {
  keyName: 'spawn-k',
  subnetId: 'subnet-1',
  securityGroupIds: ['sg-1'],
  profileName: 'spawnd-agent',
  key: { name: 'spawn-k', local: plan.key.local, exists: true },
};
const context = () =>
  testStepContext({
    spec: plan.spec,
    clients: { ec2: new EC2Client({ region: 'us-east-1' }) },
    environment: { now: () => new Date('2026-08-01T12:00:00Z') },
  });
const options = { count: 3, partial: false, moveZones: true, firstZone: 'us-east-1b', vpcId: 'vpc-1' };
const sent = () => ec2Mock.commandCalls(RunInstancesCommand).map((c) => c.args[0].input);
const offsetOf = (userData: string | undefined) =>
  Buffer.from(userData ?? '', 'base64')
    .toString('utf8')
    .match(/index=\$\(\(index \+ (\d+)\)\)/)?.[1];
const noRoom = () =>
  Object.assign(new Error('InsufficientInstanceCapacity: no room'), {
    name: 'InsufficientInstanceCapacity',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });

describe('startGroup (aws-sdk-client-mock)', () => {
  beforeEach(() => {
    ec2Mock.reset();
    ec2Mock.on(CreateTagsCommand).resolves({});
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2Mock.on(DescribeInstanceTypeOfferingsCommand).resolves({
      InstanceTypeOfferings: ['us-east-1c', 'us-east-1b', 'us-east-1a'].map((Location) => ({
        InstanceType: TEST_SPEC.instanceType as _InstanceType,
        Location,
      })),
    });
    ec2Mock.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        { SubnetId: 'subnet-a', AvailabilityZone: 'us-east-1a', DefaultForAz: true },
        { SubnetId: 'subnet-c-private', AvailabilityZone: 'us-east-1c' },
        { SubnetId: 'subnet-c', AvailabilityZone: 'us-east-1c', MapPublicIpOnLaunch: true },
      ],
    });
  });

  it('EC2 starts 2 of 3: the third is asked of the next AZ with offset 2; order by AmiLaunchIndex', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .resolvesOnce({
        Instances: [
          { InstanceId: 'i-second', AmiLaunchIndex: 1 },
          { InstanceId: 'i-first', AmiLaunchIndex: 0 },
        ],
      })
      .resolves({ Instances: [{ InstanceId: 'i-third', AmiLaunchIndex: 0 }] });
    const ctx = context();
    const done = await startGroup(ctx, plan, ready, options);
    expect(sent().map((i) => [i.SubnetId, i.MinCount, i.MaxCount, offsetOf(i.UserData)])).toEqual([
      ['subnet-1', 1, 3, '0'],
      ['subnet-a', 1, 1, '2'],
    ]);
    expect(done.value.calls.flatMap((c) => c.instances.map((i) => i.InstanceId))).toEqual([
      'i-first',
      'i-second',
      'i-third',
    ]);
    expect(done.value.calls.map((c) => c.zone)).toEqual(['us-east-1b', 'us-east-1a']);
    // Every instance is in the journal: a later failure rolls back all three.
    expect(ctx.created.list().map((r) => r.id)).toEqual(['i-first', 'i-second', 'i-third']);
    expect(ec2Mock.commandCalls(DescribeInstanceTypeOfferingsCommand)).toHaveLength(1);
  });

  it('the other AZs come from the catalog lookup: filtered to the type, under the launch signal', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .rejectsOnce(noRoom())
      .resolves({ Instances: [0, 1, 2].map((n) => ({ InstanceId: `i-${n}` })) });
    const controller = new AbortController();
    await startGroup({ ...context(), signal: controller.signal }, plan, ready, options);
    const [call] = ec2Mock.commandCalls(DescribeInstanceTypeOfferingsCommand);
    expect(call?.args[0].input).toMatchObject({
      LocationType: 'availability-zone',
      Filters: [{ Name: 'instance-type', Values: [TEST_SPEC.instanceType] }],
    });
    // The launch's signal (bounded by the call deadline) reaches the send: Ctrl-C stops the lookup.
    const sentSignal = (call?.args as unknown[] | undefined)?.[1] as
      | { abortSignal?: AbortSignal }
      | undefined;
    expect(sentSignal?.abortSignal).toBeInstanceOf(AbortSignal);
    controller.abort();
    expect(sentSignal?.abortSignal?.aborted).toBe(true);
  });

  it('each refusal moves on to the next AZ, on its public subnet (never a private one)', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .rejectsOnce(noRoom())
      .rejectsOnce(noRoom())
      .resolves({ Instances: [0, 1, 2].map((n) => ({ InstanceId: `i-${n}`, AmiLaunchIndex: n })) });
    const messages: string[] = [];
    await startGroup(context(), plan, ready, { ...options, onZoneFull: (m) => messages.push(m) });
    expect(sent().map((i) => i.SubnetId)).toEqual(['subnet-1', 'subnet-a', 'subnet-c']);
    expect(messages).toHaveLength(2);
  });

  it('short of N without partial: a capacity error naming what got capacity (journal kept for the rollback)', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .resolvesOnce({ Instances: [{ InstanceId: 'i-1' }] })
      .rejects(noRoom());
    const ctx = context();
    await expect(startGroup(ctx, plan, ready, options)).rejects.toMatchObject({
      code: 'EC2_CAPACITY_UNAVAILABLE',
      message: expect.stringContaining('Only 1 of 3 instances got capacity'),
    });
    expect(ctx.created.list().map((r) => r.id)).toEqual(['i-1']);
  });

  it('short of N with partial: kept, with the reason; pinned (moveZones false): one call only', async () => {
    ec2Mock.on(RunInstancesCommand).resolves({ Instances: [{ InstanceId: 'i-1' }] });
    const done = await startGroup(context(), plan, ready, { ...options, partial: true, moveZones: false });
    expect(sent()).toHaveLength(1);
    expect(done.value.short?.message).toContain('started 1 of the 3');
    expect(ec2Mock.commandCalls(DescribeInstanceTypeOfferingsCommand)).toHaveLength(0);
  });

  it('a non-capacity refusal is not moved to another AZ', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'UnauthorizedOperation', $fault: 'client' }));
    await expect(startGroup(context(), plan, ready, { ...options, partial: true })).rejects.toMatchObject({
      code: 'UNAUTHORIZED_OPERATION',
    });
    expect(sent()).toHaveLength(1);
  });

  it('a quota refusal after some launched: kept with --partial, no other AZ asked; rolled back without', async () => {
    const quota = () =>
      Object.assign(new Error('You have requested more vCPU capacity than your current vCPU limit'), {
        name: 'VcpuLimitExceeded',
        $fault: 'client',
      });
    ec2Mock
      .on(RunInstancesCommand)
      .resolvesOnce({ Instances: [{ InstanceId: 'i-1' }] })
      .rejects(quota());
    const kept = await startGroup(context(), plan, ready, { ...options, partial: true });
    expect(sent()).toHaveLength(2);
    expect(kept.value.short?.code).toBe('EC2_QUOTA_EXCEEDED');
    ec2Mock.resetHistory();
    ec2Mock
      .on(RunInstancesCommand)
      .resolvesOnce({ Instances: [{ InstanceId: 'i-1' }] })
      .rejects(quota());
    await expect(startGroup(context(), plan, ready, options)).rejects.toMatchObject({
      code: 'EC2_QUOTA_EXCEEDED',
    });
  });
});
