import { readFileSync } from 'node:fs';
import {
  DescribeCapacityBlockOfferingsCommand,
  DescribeCapacityReservationsCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTruffle } from './_market-test-io.ts';

// Issue 11 "Honest failures" for the commands moto cannot serve (capacity, EC2 quotas): the SDK is
// mocked in-process with AWS-documented shapes (core fixtures); us-west-2 is denied, us-east-1 answers.
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
const quotaFx = JSON.parse(
  readFileSync(new URL('../../../core/src/quotas/fixtures/service-quotas.json', import.meta.url), 'utf8'),
);
const denied = () =>
  Object.assign(new Error('You are not authorized to perform this operation.'), {
    name: 'UnauthorizedOperation',
    $metadata: { httpStatusCode: 403 },
  });
const regionOf = async (getClient: () => { config: { region: unknown } }) => {
  const region = getClient().config.region;
  return typeof region === 'function' ? await (region as () => Promise<string>)() : region;
};

describe('truffle quotas and capacity when regions fail', () => {
  const ec2 = mockClient(EC2Client);
  const sq = mockClient(ServiceQuotasClient);
  let failIn: Set<string>;
  beforeEach(() => {
    failIn = new Set(['us-west-2']);
    ec2.reset();
    sq.reset();
    const guard =
      // biome-ignore lint/suspicious/noExplicitAny: -- aws-sdk-client-mock types inputs as any
        <T>(answer: (input: any) => T) =>
        // biome-ignore lint/suspicious/noExplicitAny: -- the mock's getClient is typed per client
        async (input: unknown, getClient: () => any) => {
          if (failIn.has(String(await regionOf(getClient)))) throw denied();
          return answer(input);
        };
    sq.on(GetServiceQuotaCommand).callsFake(
      guard(({ QuotaCode }: { QuotaCode: string }) => ({
        Quota: quotaFx.applied[QuotaCode] ?? { QuotaCode, Value: 0 },
      })),
    );
    sq.on(GetAWSDefaultServiceQuotaCommand).callsFake(
      guard(({ QuotaCode }: { QuotaCode: string }) => ({
        Quota: quotaFx.defaults[QuotaCode] ?? { QuotaCode, Value: 0 },
      })),
    );
    ec2.on(DescribeInstancesCommand).callsFake(guard(() => ({ Reservations: [] })));
    ec2.on(DescribeInstanceTypesCommand).callsFake(guard(() => ({ InstanceTypes: [] })));
    ec2.on(DescribeCapacityReservationsCommand).callsFake(guard(() => ({ CapacityReservations: [] })));
    ec2.on(DescribeCapacityBlockOfferingsCommand).callsFake(guard(() => ({ CapacityBlockOfferings: [] })));
  });
  afterEach(() => {
    ec2.reset();
    sq.reset();
  });

  it('quotas: us-west-2 denied → us-east-1 quotas, one warning, exit 0', async () => {
    const run = await runTruffle(['quotas', '--family', 'g', '--region', 'us-east-1,us-west-2'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.records.length).toBeGreaterThan(0);
    expect(new Set(run.records.map((r) => r.region))).toEqual(new Set(['us-east-1']));
    expect(run.stderr.split('\n').filter((l) => l.includes('us-west-2'))).toHaveLength(1);
  });

  it('quotas: every region denied → exit 4 and an error record, no quota table', async () => {
    failIn = new Set(['us-east-1', 'us-west-2']);
    const run = await runTruffle(['quotas', '--family', 'g', '--region', 'us-east-1,us-west-2'], env);
    expect(run.code).toBe(4);
    expect(run.records).toEqual([expect.objectContaining({ type: 'error', code: 'UNAUTHORIZED_OPERATION' })]);
    expect(run.stderr).toMatch(/All 2 regions failed the same way/);
  });

  it('capacity: us-west-2 denied → exit 0 with one warning for it; every region denied → exit 4', async () => {
    const some = await runTruffle(
      ['capacity', '--instance-types', 'p5.48xlarge', '--region', 'us-east-1,us-west-2'],
      env,
    );
    expect(some.code, some.stderr).toBe(0);
    // One warning for the failed region; "nothing found" names only the region that answered.
    expect(some.stderr.split('\n').filter((l) => l.includes('us-west-2'))).toHaveLength(1);
    expect(some.stderr).toContain('No capacity reservations or Capacity Block offerings found in us-east-1.');
    failIn = new Set(['us-east-1', 'us-west-2']);
    const all = await runTruffle(
      ['capacity', '--instance-types', 'p5.48xlarge', '--region', 'us-east-1,us-west-2'],
      env,
    );
    expect(all.code).toBe(4);
    expect(all.records).toEqual([expect.objectContaining({ type: 'error', code: 'UNAUTHORIZED_OPERATION' })]);
    expect(all.stderr).not.toMatch(/No capacity reservations/);
  });
});
