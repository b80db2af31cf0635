export { advisorSpotOffers } from './advisor-spot-offers.ts';
export { type LatestSpotPricesOptions, latestSpotPrices, type SpotPrice } from './latest-spot-prices.ts';
export { type LoadSpotOffersOptions, loadSpotOffers } from './load-spot-offers.ts';
export { matchCatalogTypes } from './match-catalog-types.ts';
export { type RequireLiveCredentialsOptions, requireLiveCredentials } from './require-live-credentials.ts';
export {
  interruptionRank,
  type SelectSpotOffersOptions,
  type SpotSort,
  selectSpotOffers,
} from './select-spot-offers.ts';
export { type OfferSpec, type SpotOfferInput, toSpotOffer } from './to-spot-offer.ts';
