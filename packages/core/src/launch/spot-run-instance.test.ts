import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_SPEC, testPlan, testStepContext } from './_test-step-context.ts';
import { buildLaunchSpec } from './build-launch-spec.ts';
import type { LaunchPlan } from './plan.ts';
import { type ReadyResources, runInstance } from './steps/run-instance.ts';
import type { LaunchSpec } from './types.ts';

// Issue 15, "Spot that does not surprise": the cap on the wire and --fallback-on-demand.
const ec2Mock = mockClient(EC2Client);
const context = () =>
  testStepContext({
    clients: { ec2: new EC2Client({ region: 'us-east-1' }) },
    environment: { now: () => new Date('2026-08-01T12:00:00Z') },
  });
const plan = (over: Partial<LaunchSpec>): LaunchPlan =>
  testPlan({ spec: { ...TEST_SPEC, market: 'spot', onIdle: 'terminate', ...over } });
const ready: ReadyResources = {
  keyName: 'spawn-k',
  subnetId: 'subnet-1',
  securityGroupIds: ['sg-1'],
  profileName: 'spawnd-agent',
  key: { name: 'spawn-k', local: testPlan().key.local, exists: true },
};
const awsError = (name: string) => Object.assign(new Error(`${name}: no room`), { name, $fault: 'server' });
const sent = () => ec2Mock.commandCalls(RunInstancesCommand).map((c) => c.args[0].input);
/** The spec a flag launch builds (what the command table's parser hands over). */
const flagSpec = (maxPrice: number | { usd: number; text: string }) =>
  buildLaunchSpec(
    { instanceType: 't3.micro', region: 'us-east-1', market: 'on-demand' },
    { spot: true, maxPrice },
    { name: 'box', sshCidr: '203.0.113.7/32' },
  );

describe('Spot RunInstances (aws-sdk-client-mock)', () => {
  beforeEach(() => {
    ec2Mock.reset();
    ec2Mock.on(RunInstancesCommand).resolves({ Instances: [{ InstanceId: 'i-0123456789abcdef0' }] });
    ec2Mock.on(CreateTagsCommand).resolves({});
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  });

  it.each<[string, number | { usd: number; text: string }, string]>([
    ['--max-price 0.1', { usd: 0.1, text: '0.1' }, '0.1'],
    ['--max-price 0.10 (as typed)', { usd: 0.1, text: '0.10' }, '0.10'],
    ['a cap of 0.00001', 0.00001, '0.00001'],
    ['a cap of 1e-7', 1e-7, '0.0000001'],
  ])('%s is sent as %s', async (_name, cap, wire) => {
    await runInstance(context(), plan(flagSpec(cap)), ready);
    expect(sent()[0]?.InstanceMarketOptions?.SpotOptions?.MaxPrice).toBe(wire);
  });

  it('sends no MaxPrice without a cap (AWS caps at the on-demand price)', async () => {
    await runInstance(context(), plan({}), ready);
    expect(sent()[0]?.InstanceMarketOptions).toEqual({
      MarketType: 'spot',
      SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate' },
    });
  });

  it.each(['InsufficientInstanceCapacity', 'SpotMaxPriceTooLow'])(
    '--fallback-on-demand: after %s the same request goes out on-demand',
    async (name) => {
      ec2Mock
        .on(RunInstancesCommand)
        .rejectsOnce(awsError(name))
        .resolves({ Instances: [{ InstanceId: 'i-0123456789abcdef0' }] });
      const done = await runInstance(
        context(),
        plan({ fallbackOnDemand: true, maxPrice: 0.01, maxPriceText: '0.01' }),
        ready,
      );
      const [spot, onDemand] = sent();
      expect(spot?.InstanceMarketOptions?.SpotOptions?.MaxPrice).toBe('0.01');
      expect(onDemand?.InstanceMarketOptions).toBeUndefined();
      expect(onDemand?.ClientToken).not.toBe(spot?.ClientToken);
      expect({
        ...onDemand,
        ClientToken: '',
        InstanceMarketOptions: undefined,
        TagSpecifications: [],
      }).toEqual({
        ...spot,
        ClientToken: '',
        InstanceMarketOptions: undefined,
        TagSpecifications: [],
      });
      expect(done.value).toMatchObject({
        market: 'on-demand',
        spotFallback: expect.stringMatching(/^(EC2_CAPACITY_UNAVAILABLE|SPOT_MAX_PRICE_TOO_LOW)/),
      });
      expect(done.line).toMatch(/on-demand\) launched \(no Spot capacity: on-demand instead\)/);
    },
  );

  it('without --fallback-on-demand a capacity error stays an error, and nothing is sent again', async () => {
    ec2Mock.on(RunInstancesCommand).rejects(awsError('InsufficientInstanceCapacity'));
    await expect(runInstance(context(), plan({}), ready)).rejects.toMatchObject({
      code: 'EC2_CAPACITY_UNAVAILABLE',
    });
    expect(sent()).toHaveLength(1);
  });

  it('--fallback-on-demand does not act on other errors (a quota is not capacity)', async () => {
    ec2Mock.on(RunInstancesCommand).rejects(awsError('VcpuLimitExceeded'));
    await expect(runInstance(context(), plan({ fallbackOnDemand: true }), ready)).rejects.toMatchObject({
      code: 'EC2_QUOTA_EXCEEDED',
    });
    expect(sent()).toHaveLength(1);
  });

  it('an on-demand fallback that also fails reports that failure', async () => {
    ec2Mock.on(RunInstancesCommand).rejects(awsError('InsufficientInstanceCapacity'));
    await expect(runInstance(context(), plan({ fallbackOnDemand: true }), ready)).rejects.toMatchObject({
      code: 'EC2_CAPACITY_UNAVAILABLE',
    });
    expect(sent().map((i) => i.InstanceMarketOptions?.MarketType ?? 'on-demand')).toEqual([
      'spot',
      'on-demand',
    ]);
  });
});
