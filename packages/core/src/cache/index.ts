export { CACHE_TTL_MS, type CacheKind } from './cache-kind.ts';
export { createCache } from './create-cache.ts';
export { defaultCacheDir } from './default-cache-dir.ts';
export { lazySchema } from './lazy-schema.ts';
export type { Cache, CacheKey, CacheOptions, CacheSource, GetOrLoadOptions, ValueSchema } from './types.ts';
export {
  onDemandPricesByRegionSchema,
  priceTableSchema,
  regionListSchema,
  spotPricesSchema,
} from './value-schemas.ts';
