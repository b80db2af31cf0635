import { usdPerHour as usd } from './estimate-cost.ts';
import type { LaunchSpec } from './types.ts';

/** The spot price in effect in one AZ (DescribeSpotPriceHistory), with when it took effect. */
export interface SpotZonePrice {
  readonly zone: string;
  readonly usdPerHour: number;
  readonly asOf: string;
}

/** What the price lookup found for a Spot launch. */
export interface SpotFacts {
  /** Live prices per AZ; empty when none came (`failure` says why). */
  readonly zones: readonly SpotZonePrice[];
  readonly failure?: string;
  /** Spot Advisor figures from the catalog, if it publishes them for the type and region. */
  readonly advisor?: {
    readonly savingsPercent: number;
    readonly interruptionFrequency: string;
    readonly asOf: string;
  };
}

/** The figures a Spot plan shows, each with where it came from. */
export interface SpotEstimate {
  /** The hourly figure the estimate uses: the spot price, or the cap when it is unknown. */
  readonly pricePerHour: number | undefined;
  /** True when `pricePerHour` is the cap (an upper bound), not a spot price. */
  readonly isCap: boolean;
  /** Where `pricePerHour` came from, in words. */
  readonly source: string;
  /** The cap in words: `--max-price` or the on-demand price (AWS's default). */
  readonly cap: string;
  /** The Spot Advisor interruption bucket with its source, or why it is unknown. */
  readonly interruption: string;
}

/**
 * The Spot figures for the plan (pure): a piped offer's spot price, else the live price in the
 * planned zone, else the cap as the most it can cost per hour (`--max-price`, else the on-demand
 * price, AWS's default cap). Nothing is derived from the Advisor's saving: it is a range, not a price.
 */
export function estimateSpot(
  spec: Pick<LaunchSpec, 'pricePerHour' | 'maxPrice' | 'maxPriceText'>,
  o: { zone: string; onDemandPricePerHour: number | undefined; onDemandSource: string; facts: SpotFacts },
): SpotEstimate {
  const od = o.onDemandPricePerHour;
  const cap =
    spec.maxPrice !== undefined
      ? `$${spec.maxPriceText ?? spec.maxPrice}/hour (--max-price)`
      : `the on-demand price${od === undefined ? '' : `, ${usd(od)}`} (AWS's default cap)`;
  const { advisor } = o.facts;
  const interruption = advisor
    ? `${advisor.interruptionFrequency} interruption frequency (Spot Advisor, as of ${advisor.asOf})`
    : 'interruption frequency unknown (no Spot Advisor figure for this type and region)';
  const base = { cap, interruption };
  if (spec.pricePerHour !== undefined) {
    return { ...base, pricePerHour: spec.pricePerHour, isCap: false, source: 'the piped offer' };
  }
  const live = o.facts.zones.find((z) => z.zone === o.zone);
  if (live) {
    return {
      ...base,
      pricePerHour: live.usdPerHour,
      isCap: false,
      source: `DescribeSpotPriceHistory in ${live.zone} (in effect since ${live.asOf})`,
    };
  }
  const why = o.facts.failure ?? `no spot price for ${o.zone}`;
  const capUsd = spec.maxPrice ?? od;
  return {
    ...base,
    pricePerHour: capUsd,
    isCap: capUsd !== undefined,
    source:
      capUsd === undefined
        ? `none found (live spot price unavailable: ${why}; on-demand price from ${o.onDemandSource})`
        : `the cap, ${spec.maxPrice !== undefined ? '--max-price' : `the on-demand price from ${o.onDemandSource}`} (live spot price unavailable: ${why})`,
  };
}
