import { DescribeInstancesCommand, DescribeSpotPriceHistoryCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { testInstance } from './_test-instance.ts';
import { listManagedInstances } from './list-managed-instances.ts';
import { createPriceLookup } from './price-lookup.ts';

// A region that refuses (an SCP, a disabled opt-in region) and real spot price history cannot be
// produced by moto, so these use a mocked client with AWS's response shapes.
const ec2Mock = mockClient(EC2Client);
const clients = new Map<string, EC2Client>();
const ec2For = (region: string) => {
  if (!clients.has(region)) clients.set(region, new EC2Client({ region }));
  return clients.get(region) as EC2Client;
};

beforeEach(() => ec2Mock.reset());

describe('listManagedInstances', () => {
  it('asks only for spawn-managed instances and reports a failing region instead of throwing', async () => {
    ec2Mock.on(DescribeInstancesCommand).callsFake(async (input, getClient) => {
      const region = await getClient().config.region();
      if (region === 'ap-south-2') {
        throw Object.assign(new Error('You are not authorized to perform this operation.'), {
          name: 'UnauthorizedOperation',
          $fault: 'client',
        });
      }
      expect(input.Filters).toEqual([{ Name: 'tag:spawn:managed', Values: ['true'] }]);
      return {
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-0123456789abcdef0',
                InstanceType: 't3.micro',
                State: { Name: 'running' },
                LaunchTime: new Date('2030-01-01T10:00:00Z'),
                InstanceLifecycle: 'spot',
                Placement: { AvailabilityZone: 'us-east-1b' },
                Tags: [{ Key: 'Name', Value: 'box' }],
              },
            ],
          },
        ],
      };
    });
    const out = await listManagedInstances(ec2For, ['us-east-1', 'ap-south-2']);
    expect(out.instances).toEqual([
      expect.objectContaining({
        name: 'box',
        region: 'us-east-1',
        market: 'spot',
        availabilityZone: 'us-east-1b',
      }),
    ]);
    expect(out.failed).toEqual([
      { region: 'ap-south-2', error: expect.objectContaining({ code: 'UNAUTHORIZED_OPERATION' }) },
    ]);
  });
});

describe('createPriceLookup', () => {
  it('prices spot instances at the latest spot price of their AZ, memoised', async () => {
    ec2Mock.on(DescribeSpotPriceHistoryCommand).resolves({
      SpotPriceHistory: [
        {
          AvailabilityZone: 'us-east-1b',
          InstanceType: 'm7i.large',
          ProductDescription: 'Linux/UNIX',
          SpotPrice: '0.041200',
          Timestamp: new Date('2030-01-01T09:00:00Z'),
        },
        {
          AvailabilityZone: 'us-east-1b',
          InstanceType: 'm7i.large',
          ProductDescription: 'Linux/UNIX',
          SpotPrice: '0.043900',
          Timestamp: new Date('2030-01-01T11:00:00Z'),
        },
      ],
    });
    const price = createPriceLookup({ ec2For, now: () => Date.parse('2030-01-01T12:00:00Z') });
    const spot = testInstance({ market: 'spot', instanceType: 'm7i.large', availabilityZone: 'us-east-1b' });
    expect(await price(spot)).toEqual({ usdPerHour: 0.0439, source: 'spot price us-east-1b' });
    await price(spot);
    expect(ec2Mock.commandCalls(DescribeSpotPriceHistoryCommand)).toHaveLength(1);
    expect(ec2Mock.commandCalls(DescribeSpotPriceHistoryCommand)[0]?.args[0].input).toMatchObject({
      InstanceTypes: ['m7i.large'],
      AvailabilityZone: 'us-east-1b',
      StartTime: new Date('2030-01-01T12:00:00Z'),
    });
  });

  it('uses the on-demand source otherwise, and an unknown price stays unknown', async () => {
    const price = createPriceLookup({
      ec2For,
      now: () => 0,
      onDemand: async (type) => (type === 't3.micro' ? { usdPerHour: 0.0104, source: 'catalog' } : undefined),
    });
    expect(await price(testInstance())).toEqual({ usdPerHour: 0.0104, source: 'catalog' });
    expect(await price(testInstance({ instanceType: 'x9.mega' }))).toBeUndefined();
  });
});
