export { fetchOnDemandPrices, type OnDemandPrice } from './fetch-on-demand-prices.ts';
export {
  type FetchPricesByTypeOptions,
  fetchPricesByType,
  type PricesByType,
} from './fetch-prices-by-type.ts';
export {
  type LoadedOnDemandPrices,
  type LoadOnDemandPricesOptions,
  loadOnDemandPrices,
} from './load-on-demand-prices.ts';
export { type ParsedOnDemandPrice, parsePriceListItem } from './parse-price-list-item.ts';
export { isThrottling, withThrottlingRetry } from './with-throttling-retry.ts';
