import { describe, expect, it } from 'vitest';
import { estimateCost, formatCost } from './estimate-cost.ts';

const DAY = 86_400_000;

describe('estimateCost includes the disk (issue 13 §7)', () => {
  it('prorates 20 GiB of gp3 ($0.08/GB-month, us-east-1 list) to the TTL and prices the stopped worst case', () => {
    const e = estimateCost({
      market: 'on-demand',
      pricePerHour: 0.0416,
      ttlMs: 8 * 3_600_000,
      maxStoppedMs: 7 * DAY,
    });
    expect(e.diskMonthlyUsd).toBeCloseTo(1.6);
    expect(e.diskTtlUsd).toBeCloseTo((1.6 * 8) / 730);
    expect(e.total).toBeCloseTo(0.0416 * 8 + (1.6 * 8) / 730);
    expect(e.stoppedDiskUsd).toBeCloseTo((1.6 * 168) / 730);
    expect(formatCost(e, '8h')).toBe(
      '$0.0416/hour, at most $0.35 for the 8h TTL (incl. $0.02 for the 20 GiB gp3 disk); if left stopped 7d, up to $0.37 more for the disk',
    );
  });

  it('a huge disk dominates the estimate instead of vanishing (the `--disk 1e9` report)', () => {
    const e = estimateCost({ market: 'on-demand', pricePerHour: 0.0104, ttlMs: 3_600_000, diskGiB: 16_384 });
    expect(e.total).toBeGreaterThan(1.7);
    expect(formatCost(e, '1h')).toMatch(
      /at most \$1\.81 for the 1h TTL \(incl\. \$1\.80 for the 16384 GiB gp3 disk\)/,
    );
  });

  it('spot cannot be stopped: no stopped term', () => {
    const e = estimateCost({ market: 'spot', pricePerHour: 0.01, ttlMs: 3_600_000, maxStoppedMs: 7 * DAY });
    expect(e.stoppedDiskUsd).toBeUndefined();
    expect(formatCost(e, '1h')).not.toContain('stopped');
  });

  it("uses the region's gp3 price when the lookup found one", () => {
    const e = estimateCost({ market: 'on-demand', ttlMs: 3_600_000, diskGiB: 100 }, { usdPerGbMonth: 0.1 });
    expect(e.diskMonthlyUsd).toBeCloseTo(10);
  });

  it('the hibernation root size overrides --disk', () => {
    expect(estimateCost({ market: 'on-demand', ttlMs: 3_600_000 }, { rootGiB: 72 }).diskGiB).toBe(72);
  });

  it('without a TTL or a price, the disk is still named per month', () => {
    expect(
      formatCost(
        estimateCost({ market: 'on-demand', onDemandPricePerHour: 0.0416, ttlMs: undefined }),
        undefined,
      ),
    ).toBe('$0.0416/hour, no TTL: no upper bound; 20 GiB gp3 disk $1.60/month');
    expect(formatCost(estimateCost({ market: 'on-demand', ttlMs: 3_600_000 }), '1h')).toBe(
      'price unknown (check `truffle search` for the current price); 20 GiB gp3 disk $1.60/month',
    );
  });
});
