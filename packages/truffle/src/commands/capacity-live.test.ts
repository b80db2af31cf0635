import { readFileSync } from 'node:fs';
import {
  DescribeCapacityBlockOfferingsCommand,
  DescribeCapacityReservationsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTruffle } from './_market-test-io.ts';

// moto implements neither capacity API, so EC2 is mocked in-process with AWS-documented
// response shapes (core/capacity/fixtures); this checks the command end to end: flags → records.
const fixture = JSON.parse(
  readFileSync(new URL('../../../core/src/capacity/fixtures/capacity.json', import.meta.url), 'utf8'),
) as { reservationPages: unknown[]; blockOfferings: Record<string, unknown[]> };
// The SDK deserialises timestamps to Date; the JSON fixture holds ISO strings.
const DATE_KEYS = new Set(['StartDate', 'EndDate', 'CreateDate']);
const withDates = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (key, v) =>
    DATE_KEYS.has(key) && typeof v === 'string' ? new Date(v) : v,
  );
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

describe('truffle capacity with live (mocked) EC2', () => {
  const ec2 = mockClient(EC2Client);

  beforeEach(() => {
    ec2.reset();
    const pages = fixture.reservationPages as object[];
    ec2.on(DescribeCapacityReservationsCommand).callsFake((input: { NextToken?: string }) => {
      // Two pages: the first carries NextToken 'cr-page-2'.
      return withDates(input.NextToken === 'cr-page-2' ? pages[1] : pages[0]);
    });
    ec2.on(DescribeCapacityBlockOfferingsCommand).callsFake((input: { InstanceType?: string }) => ({
      CapacityBlockOfferings: withDates(fixture.blockOfferings[input.InstanceType ?? ''] ?? []),
    }));
  });
  afterEach(() => ec2.reset());

  it('prints reservations with their ids and Capacity Block offerings as capacity records', async () => {
    const run = await runTruffle(
      [
        'capacity',
        '--region',
        'us-east-1',
        '--instance-types',
        'g5.12xlarge,p5.48xlarge',
        '--duration',
        '24',
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.records.length).toBeGreaterThan(0);
    expect(run.records.every((r) => r.type === 'capacity' && r.v === 1)).toBe(true);
    expect(run.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'odcr',
          reservationId: 'cr-0b1a2c3d4e5f60718',
          instanceType: 'g5.12xlarge',
        }),
        expect.objectContaining({
          kind: 'capacity-block',
          offeringId: 'cb-0123456789abcdefg',
          upfrontFee: 749.76,
        }),
      ]),
    );
  });

  it('--available-only drops reservations with no free instance', async () => {
    const run = await runTruffle(
      ['capacity', '--region', 'us-east-1', '--available-only', '--instance-types', 'g5.12xlarge'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const odcrs = run.records.filter((r) => r.kind === 'odcr');
    expect(odcrs.length).toBeGreaterThan(0);
    expect(odcrs.every((r) => (r.availableCount as number) > 0)).toBe(true);
  });
});
