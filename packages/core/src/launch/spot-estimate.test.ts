import { describe, expect, it } from 'vitest';
import { estimateCost, formatCost } from './estimate-cost.ts';
import { estimateSpot, type SpotFacts } from './spot-estimate.ts';

const advisor = { savingsPercent: 70, interruptionFrequency: '<5%', asOf: '2025-06-28' };
const live: SpotFacts = {
  zones: [
    { zone: 'us-east-1a', usdPerHour: 0.0031, asOf: '2026-08-01T00:00:00.000Z' },
    { zone: 'us-east-1b', usdPerHour: 0.0035, asOf: '2026-08-01T00:00:00.000Z' },
  ],
  advisor,
};
const where = (facts: SpotFacts, zone = 'us-east-1b') => ({
  zone,
  onDemandPricePerHour: 0.0104,
  onDemandSource: 'the offline catalog',
  facts,
});

describe('estimateSpot', () => {
  it.each<
    [string, Parameters<typeof estimateSpot>[0], Parameters<typeof estimateSpot>[1], Record<string, unknown>]
  >([
    [
      'the live price of the planned zone',
      {},
      where(live),
      {
        pricePerHour: 0.0035,
        isCap: false,
        source: expect.stringMatching(/^DescribeSpotPriceHistory in us-east-1b /),
      },
    ],
    [
      "a piped offer's price wins",
      { pricePerHour: 0.003 },
      where(live),
      { pricePerHour: 0.003, source: 'the piped offer' },
    ],
    [
      'no live price: the on-demand price, as the cap',
      {},
      where({ zones: [], failure: 'InternalError', advisor }),
      {
        pricePerHour: 0.0104,
        isCap: true,
        source:
          'the cap, the on-demand price from the offline catalog (live spot price unavailable: InternalError)',
        cap: "the on-demand price, $0.0104/hour (AWS's default cap)",
      },
    ],
    [
      'no price for the zone: --max-price, as the cap, as typed',
      { maxPrice: 0.05, maxPriceText: '0.050' },
      where(live, 'us-east-1c'),
      { pricePerHour: 0.05, isCap: true, cap: '$0.050/hour (--max-price)' },
    ],
    [
      'nothing known at all',
      {},
      { ...where({ zones: [], failure: 'x' }), onDemandPricePerHour: undefined },
      {
        pricePerHour: undefined,
        isCap: false,
        interruption: 'interruption frequency unknown (no Spot Advisor figure for this type and region)',
      },
    ],
  ])('%s', (_name, spec, o, expected) => {
    expect(estimateSpot(spec, o)).toMatchObject(expected);
  });

  it('names the interruption bucket and its date', () => {
    expect(estimateSpot({}, where(live)).interruption).toBe(
      '<5% interruption frequency (Spot Advisor, as of 2025-06-28)',
    );
  });
});

describe('a Spot cap in the cost estimate', () => {
  const spec = {
    market: 'spot' as const,
    ttlMs: 8 * 3_600_000,
    pricePerHour: 0.0104,
    onDemandPricePerHour: 0.0104,
  };
  it('is an upper bound, with no saving claimed', () => {
    const e = estimateCost(spec, { priceIsCap: true });
    expect(e).toMatchObject({ isCap: true, savingsPercent: undefined });
    expect(formatCost(e, '8h')).toMatch(
      /^at most \$0\.0104\/hour \(the Spot cap: spot price unknown\), at most \$0\.\d\d for the 8h TTL/,
    );
  });
  it('writes out a price below $0.0001 instead of showing $0.0000', () => {
    expect(formatCost(estimateCost({ ...spec, pricePerHour: 0.00001 }), '8h')).toMatch(
      /^\$0\.00001\/hour \(spot, 100% below/,
    );
  });
});
