import { messageSchema } from '@truffle-spawn/core/protocol';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './_market-test-io.ts';

describe('truffle spot', () => {
  const moto = useMoto();

  it('without credentials exits 3 and says how to configure them', async () => {
    const run = await runTruffle(['spot', 'm5.large', '--region', 'us-east-1']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('truffle spot needs AWS credentials');
    expect(run.stderr).toContain('aws configure');
    expect(run.records).toEqual([expect.objectContaining({ type: 'error', code: 'CREDENTIALS_MISSING' })]);
  });

  it('rejects bad flag values as usage errors (exit 2)', async () => {
    const negative = await runTruffle(['spot', 'm5.large', '--max-price', '-1'], moto.env);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('--max-price');
    const region = await runTruffle(['spot', 'm5.large', '--region', 'US_EAST_1'], moto.env);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('is not an AWS region name');
  });

  // Changed by issue 11: --offline answers from the Spot Advisor data (see __tests__/spot-offline.test.ts).
  it('--offline answers from Spot Advisor data, without a spot price', async () => {
    const run = await runTruffle(['spot', 'm5.large', '--offline', '--region', 'us-east-1'], moto.env);
    expect(run.code).toBe(0);
    expect(run.records[0]).toMatchObject({ instanceType: 'm5.large', market: 'spot' });
    expect(run.records[0]).not.toHaveProperty('pricePerHour');
  });

  // moto serves DescribeSpotPriceHistory from its real offerings snapshot with a fake price
  // ("0.00001") and no Pricing API: this asserts the flow and the record shape, not prices.
  it('piped output is NDJSON offers, one per AZ, valid against the protocol (moto, fake prices)', async () => {
    const run = await runTruffle(['spot', 'm5.large', '--region', 'us-east-1,eu-west-1'], moto.env);
    expect(run.code).toBe(0);
    expect(run.records.length).toBeGreaterThan(3);
    for (const r of run.records) {
      const offer = messageSchema.parse(r);
      expect(offer).toMatchObject({ type: 'offer', market: 'spot', instanceType: 'm5.large' });
      expect(offer.type === 'offer' && offer.availabilityZone?.startsWith(offer.region)).toBe(true);
    }
    const azs = run.records.map((r) => r.availabilityZone);
    expect(new Set(azs).size).toBe(azs.length);
    expect(new Set(run.records.map((r) => r.region))).toEqual(new Set(['us-east-1', 'eu-west-1']));
    // The Pricing API is not in moto: on-demand prices fall back to the catalog, said on stderr.
    expect(run.stderr).toContain('On-demand prices come from the offline catalog');
  });

  it('an unknown type is a clear message, exit 0, no records', async () => {
    const run = await runTruffle(['spot', 'zz9.huge', '--region', 'us-east-1'], moto.env);
    expect(run.code).toBe(0);
    expect(run.records).toEqual([]);
    expect(run.stderr).toContain('No instance type matches "zz9.huge"');
  });
});
