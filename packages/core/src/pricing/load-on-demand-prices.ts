import type { PricingClient } from '@aws-sdk/client-pricing';
import { translateAwsError } from '../aws/translate-aws-error.ts';
import type { Cache } from '../cache/types.ts';
import { onDemandPricesByRegionSchema } from '../cache/value-schemas.ts';
import type { UserError } from '../errors/user-error.ts';
import type { OnDemandPrice } from './fetch-on-demand-prices.ts';
import {
  type FetchPricesByTypeOptions,
  fetchPricesByType,
  type PricesByType,
} from './fetch-prices-by-type.ts';

export interface LoadOnDemandPricesOptions extends FetchPricesByTypeOptions {
  cache: Cache;
  /** Cache namespace (the account or a stand-in). */
  account: string;
  /** Called only when some type is not cached, so a warm run builds no client. */
  pricing: () => Promise<PricingClient>;
  instanceTypes: string[];
}

export interface LoadedOnDemandPrices {
  /** Per type (cached or fetched), per region: the price; a region without one has no entry. */
  prices: PricesByType;
  /** Why the uncached types could not be priced (nothing of that failure is cached). */
  error?: UserError;
}

const MISS = Symbol('cache miss');

/**
 * On-demand prices of `instanceTypes` in every region, cached per instance type (one entry holds
 * all its regions, so another region set or an overlapping query is answered without a call).
 * Only uncached types are fetched, in one batched pass; a failed fetch is reported, never cached.
 */
export async function loadOnDemandPrices(o: LoadOnDemandPricesOptions): Promise<LoadedOnDemandPrices> {
  const names = [...new Set(o.instanceTypes)].sort();
  const key = (type: string) => ({
    account: o.account,
    region: 'all',
    kind: 'onDemandPrices' as const,
    id: `type:${type}`,
  });
  const prices: PricesByType = new Map();
  const missing: string[] = [];
  await Promise.all(
    names.map(async (type) => {
      try {
        const { value } = await o.cache.getOrLoad<Record<string, OnDemandPrice>>(
          key(type),
          () => Promise.reject(MISS),
          { schema: onDemandPricesByRegionSchema },
        );
        prices.set(type, value);
      } catch (error) {
        if (error !== MISS) throw error;
        missing.push(type);
      }
    }),
  );
  if (missing.length === 0) return { prices };
  let fetched: PricesByType;
  try {
    fetched = await fetchPricesByType(await o.pricing(), missing, o);
  } catch (error) {
    if (o.abortSignal?.aborted) throw error;
    return { prices, error: translateAwsError(error, { region: 'us-east-1', operation: 'GetProducts' }) };
  }
  await Promise.all(
    [...fetched].map(async ([type, byRegion]) => {
      prices.set(type, byRegion);
      await o.cache.getOrLoad(key(type), async () => byRegion, { schema: onDemandPricesByRegionSchema });
    }),
  );
  return { prices };
}
