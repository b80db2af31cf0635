export { assembleCatalog, type CatalogInputs, type SpotAdvisorInput } from './assemble-catalog.ts';
export { buildLiveCatalog, type LiveCatalogOptions } from './build-live-catalog.ts';
export { catalogAgeText } from './catalog-age.ts';
export { describeInstanceTypes } from './describe-instance-types.ts';
export { describeAzOfferings } from './describe-offerings.ts';
export { encodeCatalog } from './encode-catalog.ts';
export { fromInstanceTypeInfo } from './from-instance-type-info.ts';
export { coveringScopes, instanceTypePatterns, matchesPattern } from './instance-type-patterns.ts';
export {
  catalogFileInUse,
  embeddedCatalogPath,
  loadCatalog,
  readCatalogFile,
  useCatalogFile,
} from './load-catalog.ts';
export { type LiveOfferings, type LiveOfferingsOptions, loadLiveOfferings } from './load-live-offerings.ts';
export { type LiveTypesOptions, loadLiveTypes } from './load-live-types.ts';
export {
  findType,
  offeredAzs,
  offeredRegions,
  onDemandPrice,
  spotAdvisor,
  unspecifiedType,
} from './lookups.ts';
export { parseSpotAdvisorFeed, type SpotAdvisorFeed } from './spot-advisor-feed.ts';
export { spotAdvisorInputOf } from './spot-advisor-input.ts';
export { type OfferPlace, toOffer } from './to-offer.ts';
export type {
  Catalog,
  CatalogInstanceType,
  CatalogSource,
  RegionOfferings,
  RegionPrices,
  RegionSpotAdvisor,
} from './types.ts';
