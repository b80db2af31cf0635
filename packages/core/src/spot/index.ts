export { type LatestSpotPricesOptions, latestSpotPrices, type SpotPrice } from './latest-spot-prices.ts';
export { type OfferSpec, type SpotOfferInput, toSpotOffer } from './to-spot-offer.ts';
