import { readFileSync } from 'node:fs';
import { offerSchema } from '@truffle-spawn/core/protocol';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './_run-truffle.ts';

// The published Spot Advisor feed the catalog embeds (see /work/shared/data/README.md): read here
// on its own so the test checks the catalog's figures against the source, not against itself.
const feed = JSON.parse(
  readFileSync(new URL('../../../../../shared/data/spot-advisor-data.json', import.meta.url), 'utf8'),
) as {
  ranges: { index: number; label: string }[];
  spot_advisor: Record<string, { Linux: Record<string, { s: number; r: number }> }>;
};
const advised = (type: string, region: string) => {
  const f = feed.spot_advisor[region]?.Linux[type];
  return f && { savingsPercent: f.s, interruptionFrequency: feed.ranges[f.r]?.label };
};

describe('truffle spot --offline', () => {
  it('answers from the Spot Advisor data without credentials: saving and bucket, never a price', async () => {
    const r = await runTruffle(['spot', 'm7i.large', '--offline', '--region', 'us-east-1,eu-west-1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Spot Advisor data as of 2025-06-28/);
    expect(r.records.map((x) => x.region)).toEqual(['eu-west-1', 'us-east-1']);
    for (const rec of r.records) {
      const offer = offerSchema.parse(rec);
      expect(offer).toMatchObject({ instanceType: 'm7i.large', market: 'spot' });
      expect(offer).toMatchObject(advised('m7i.large', offer.region) ?? { missing: true });
      expect(offer.pricePerHour).toBeUndefined();
      expect(offer.availabilityZones?.length).toBeGreaterThan(0);
    }
    // On-demand where the catalog has a sourced price (us-east-1), nowhere else.
    expect(r.records.find((x) => x.region === 'us-east-1')?.onDemandPricePerHour).toBe(0.1008);
    expect(r.records.find((x) => x.region === 'eu-west-1')).not.toHaveProperty('onDemandPricePerHour');
  });

  it('--sort savings puts the largest saving first; --sort interruption the rarest bucket first', async () => {
    const bySavings = await runTruffle([
      'spot',
      'c7g.*',
      '--offline',
      '--region',
      'us-east-1',
      '--sort',
      'savings',
    ]);
    const savings = bySavings.records.map((x) => x.savingsPercent as number);
    expect(savings).toHaveLength(9);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
    expect(bySavings.records[0]).toMatchObject({ instanceType: 'c7g.16xlarge', savingsPercent: 74 });

    const byRisk = await runTruffle([
      'spot',
      'c7g.*',
      '--offline',
      '--region',
      'us-east-1',
      '--sort',
      'interruption',
    ]);
    const buckets = byRisk.records.map((x) => x.interruptionFrequency);
    expect(buckets.slice(0, 7).every((b) => b === '<5%')).toBe(true);
    expect(buckets.slice(7)).toEqual(['5-10%', '5-10%']);
  });

  it('--sort-by-price stays as an alias of --sort price; other keys are usage errors', async () => {
    const alias = await runTruffle([
      'spot',
      'm7i.large',
      '--offline',
      '--region',
      'us-east-1',
      '--sort-by-price',
    ]);
    expect(alias.code).toBe(0);
    const bad = await runTruffle(['spot', 'm7i.large', '--offline', '--sort', 'cheapest']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--sort');
  });
});
