import type { Cache } from '@truffle-spawn/core/cache';
import type { PriceFact } from './offer-data.ts';
import type { TruffleAws } from './truffle-aws.ts';

/**
 * Live on-demand prices of `types` in every region (Price List API, one batched pass for the types
 * not cached; cached per type). A failure is returned as words, never cached: the next run asks again.
 */
export async function fetchLivePrices(
  o: { cache: Cache; account: string; aws: TruffleAws; signal?: AbortSignal },
  types: string[],
): Promise<{ prices: Map<string, Record<string, PriceFact>>; error?: string }> {
  if (types.length === 0) return { prices: new Map() };
  const { loadOnDemandPrices } = await import('@truffle-spawn/core/pricing');
  const result = await loadOnDemandPrices({
    cache: o.cache,
    account: o.account,
    instanceTypes: types,
    pricing: async () => (await o.aws.get()).pricing(),
    ...(o.signal ? { abortSignal: o.signal } : {}),
  });
  return { prices: result.prices, ...(result.error ? { error: result.error.message } : {}) };
}
