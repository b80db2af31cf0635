/** What a cache entry holds; each kind has its own time to live. */
export type CacheKind =
  | 'instanceTypes'
  | 'offerings'
  | 'onDemandPrices'
  | 'spotPrices'
  | 'quotas'
  | 'capacity'
  | 'regions'
  | 'accountId';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Default time to live per kind: static catalog data lives long, market data (spot, capacity) briefly. */
export const CACHE_TTL_MS: Record<CacheKind, number> = {
  instanceTypes: 7 * DAY,
  offerings: DAY,
  onDemandPrices: 6 * HOUR,
  spotPrices: 10 * MINUTE,
  quotas: 10 * MINUTE,
  capacity: 5 * MINUTE,
  regions: DAY,
  accountId: DAY,
};
