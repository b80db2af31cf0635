import { CreateTagsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_SPEC, testPlan, testStepContext } from './_test-step-context.ts';
import type { StepContext } from './context.ts';
import type { LaunchPlan } from './plan.ts';
import { type ReadyResources, runInstance } from './steps/run-instance.ts';
import type { LaunchSpec } from './types.ts';

// moto accepts but ignores spot, hibernation and reservation fields, so their request shapes are
// checked against a mocked client (shapes per the EC2 RunInstances API reference).
const ec2Mock = mockClient(EC2Client);

function context(): StepContext {
  return testStepContext({
    clients: { ec2: new EC2Client({ region: 'us-east-1' }) },
    environment: { now: () => new Date('2026-08-01T12:00:00Z') },
  });
}

function plan(over: Partial<LaunchSpec>): LaunchPlan {
  return testPlan({
    spec: { ...TEST_SPEC, instanceType: 'm7i.large', ...over },
    type: { architecture: 'x86_64', memoryMiB: 8192, vcpus: 2, hasGpu: false, hibernationSupported: true },
  });
}

const ready: ReadyResources = {
  keyName: 'spawn-k',
  subnetId: 'subnet-1',
  securityGroupIds: ['sg-1'],
  profileName: 'spawnd-agent',
  key: { name: 'spawn-k', local: testPlan().key.local, exists: true },
};

describe('RunInstances request shapes (aws-sdk-client-mock)', () => {
  beforeEach(() => {
    ec2Mock.reset();
    ec2Mock.on(RunInstancesCommand).resolves({ Instances: [{ InstanceId: 'i-0123456789abcdef0' }] });
    ec2Mock.on(CreateTagsCommand).resolves({});
  });

  it.each<[string, Partial<LaunchSpec>, Record<string, unknown>]>([
    [
      'spot one-time with the offer price as cap',
      { market: 'spot', maxPrice: 0.0312, onIdle: 'terminate' },
      {
        InstanceMarketOptions: {
          MarketType: 'spot',
          SpotOptions: {
            SpotInstanceType: 'one-time',
            MaxPrice: '0.0312',
            InstanceInterruptionBehavior: 'terminate',
          },
        },
      },
    ],
    [
      'hibernation with an encrypted root of RAM + OS',
      { hibernate: true, onIdle: 'hibernate' },
      {
        HibernationOptions: { Configured: true },
        BlockDeviceMappings: [
          {
            DeviceName: '/dev/xvda',
            Ebs: { Encrypted: true, VolumeSize: 20, VolumeType: 'gp3', DeleteOnTermination: true },
          },
        ],
      },
    ],
    [
      'capacity reservation target',
      { reservation: 'cr-0123456789abcdef0' },
      {
        CapacityReservationSpecification: {
          CapacityReservationTarget: { CapacityReservationId: 'cr-0123456789abcdef0' },
        },
      },
    ],
  ])('%s', async (_name, over, expected) => {
    await runInstance(context(), plan(over), ready);
    const input = ec2Mock.commandCalls(RunInstancesCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      ...expected,
      MetadataOptions: { HttpTokens: 'required' },
      ClientToken: expect.any(String),
    });
  });

  it('retries while a new instance profile is not yet visible, with the same ClientToken', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .rejectsOnce(
        Object.assign(
          new Error(
            'Value (spawnd-agent) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name',
          ),
          { name: 'InvalidParameterValue' },
        ),
      )
      .resolves({ Instances: [{ InstanceId: 'i-0123456789abcdef0' }] });
    const ctx = context();
    ctx.environment.sleep = async () => {};
    await runInstance(ctx, plan({}), ready);
    const calls = ec2Mock.commandCalls(RunInstancesCommand).map((c) => c.args[0].input.ClientToken);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe(calls[1]);
  });
});
