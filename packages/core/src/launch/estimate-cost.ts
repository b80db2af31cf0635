import type { LaunchSpec } from './types.ts';

export interface CostEstimate {
  pricePerHour?: number;
  /** For the whole TTL; undefined without TTL or price. */
  total?: number;
  /** Spot saving against on-demand in percent. */
  savingsPercent?: number;
}

/** Hourly and whole-TTL cost (the TTL is the most it can run before spawnd ends it). */
export function estimateCost(
  spec: Pick<LaunchSpec, 'ttlMs' | 'pricePerHour' | 'onDemandPricePerHour' | 'market'>,
): CostEstimate {
  const price = spec.pricePerHour ?? (spec.market === 'on-demand' ? spec.onDemandPricePerHour : undefined);
  const total =
    price !== undefined && spec.ttlMs !== undefined ? (price * spec.ttlMs) / 3_600_000 : undefined;
  const od = spec.onDemandPricePerHour;
  const savingsPercent =
    spec.market === 'spot' && price !== undefined && od ? Math.round((1 - price / od) * 100) : undefined;
  return { pricePerHour: price, total, savingsPercent };
}

/** `$0.0416/hour, about $0.33 for the 8h TTL` style text. */
export function formatCost(e: CostEstimate, ttlText: string | undefined): string {
  if (e.pricePerHour === undefined) return 'price unknown (check `truffle search` for the current price)';
  const hourly = `$${e.pricePerHour.toFixed(4)}/hour`;
  const saving = e.savingsPercent !== undefined ? ` (spot, ${e.savingsPercent}% below on-demand)` : '';
  const total =
    e.total !== undefined && ttlText
      ? `, at most $${e.total.toFixed(2)} for the ${ttlText} TTL`
      : ', no TTL: no upper bound';
  return `${hourly}${saving}${total}`;
}
