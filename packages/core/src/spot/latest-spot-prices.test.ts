import { readFileSync } from 'node:fs';
import {
  type SpotPrice as AwsSpotPrice,
  DescribeSpotPriceHistoryCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { latestSpotPrices } from './latest-spot-prices.ts';

interface RawPage {
  NextToken?: string;
  SpotPriceHistory: (Omit<AwsSpotPrice, 'Timestamp'> & { Timestamp: string })[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/describe-spot-price-history.json', import.meta.url), 'utf8'),
) as { pages: RawPage[] };
const page = (i: number) => {
  const p = fixture.pages[i] as RawPage;
  return {
    ...p,
    SpotPriceHistory: p.SpotPriceHistory.map((h) => ({ ...h, Timestamp: new Date(h.Timestamp) })),
  };
};
const now = new Date('2026-08-01T12:00:00Z');

describe('latestSpotPrices (fixtures)', () => {
  it('pages through the history and keeps the newest price per type and AZ', async () => {
    const ec2 = mockClient(EC2Client);
    ec2.on(DescribeSpotPriceHistoryCommand).resolvesOnce(page(0)).resolvesOnce(page(1));
    const prices = await latestSpotPrices(new EC2Client({ region: 'us-east-1' }), {
      region: 'us-east-1',
      instanceTypes: ['m5.large', 'g5.xlarge'],
      now,
    });
    expect(prices).toEqual([
      {
        instanceType: 'g5.xlarge',
        availabilityZone: 'us-east-1c',
        region: 'us-east-1',
        usdPerHour: 0.4513,
        timestamp: '2026-08-01T11:05:27.000Z',
      },
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1a',
        region: 'us-east-1',
        usdPerHour: 0.0351,
        timestamp: '2026-08-01T11:58:12.000Z',
      },
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1b',
        region: 'us-east-1',
        usdPerHour: 0.0379,
        timestamp: '2026-08-01T11:30:40.000Z',
      },
    ]);
    expect(ec2).toHaveReceivedCommandTimes(DescribeSpotPriceHistoryCommand, 2);
    expect(ec2).toHaveReceivedNthCommandWith(DescribeSpotPriceHistoryCommand, 1, {
      InstanceTypes: ['m5.large', 'g5.xlarge'],
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: now,
    });
    expect(ec2).toHaveReceivedNthCommandWith(DescribeSpotPriceHistoryCommand, 2, {
      NextToken: 'eyJ2IjoiMiIsImMiOiJzcG90In0=',
    });
    ec2.restore();
  });

  it('makes no call for no types', async () => {
    const ec2 = mockClient(EC2Client);
    expect(
      await latestSpotPrices(new EC2Client({ region: 'us-east-1' }), {
        region: 'us-east-1',
        instanceTypes: [],
      }),
    ).toEqual([]);
    expect(ec2).toHaveReceivedCommandTimes(DescribeSpotPriceHistoryCommand, 0);
    ec2.restore();
  });
});

describe('latestSpotPrices (moto)', () => {
  useMoto();

  // moto answers from its real offerings snapshot with a fake price ("0.00001") per AZ: the flow
  // and the shape are real, the numbers are not.
  it('returns one current price per AZ where the type is offered', async () => {
    const prices = await latestSpotPrices(new EC2Client({ region: 'eu-west-1' }), {
      region: 'eu-west-1',
      instanceTypes: ['m5.large'],
    });
    expect(prices.length).toBeGreaterThanOrEqual(2);
    for (const p of prices) {
      expect(p).toMatchObject({ instanceType: 'm5.large', region: 'eu-west-1', usdPerHour: 0.00001 });
      expect(p.availabilityZone).toMatch(/^eu-west-1[a-z]$/);
      expect(Number.isNaN(Date.parse(p.timestamp))).toBe(false);
    }
    expect(new Set(prices.map((p) => p.availabilityZone)).size).toBe(prices.length);
  });
});
