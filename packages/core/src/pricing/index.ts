export { fetchOnDemandPrices, type OnDemandPrice } from './fetch-on-demand-prices.ts';
export { type ParsedOnDemandPrice, parsePriceListItem } from './parse-price-list-item.ts';
