import type { Offer } from '../protocol/schemas.ts';

export interface SelectSpotOffersOptions {
  /** Keep offers at or under this USD/hour. */
  maxPrice?: number;
  /** Cheapest first (default: by type, region, AZ). */
  sortByPrice?: boolean;
  limit?: number;
}

/** Filters, orders and trims spot offers for display; pure. */
export function selectSpotOffers(offers: readonly Offer[], o: SelectSpotOffersOptions = {}): Offer[] {
  const max = o.maxPrice;
  const kept = offers.filter((x) => max === undefined || (x.pricePerHour ?? Infinity) <= max);
  const byPlace = (a: Offer, b: Offer) =>
    a.instanceType.localeCompare(b.instanceType) ||
    a.region.localeCompare(b.region) ||
    (a.availabilityZone ?? '').localeCompare(b.availabilityZone ?? '');
  kept.sort(
    o.sortByPrice
      ? (a, b) => (a.pricePerHour ?? Infinity) - (b.pricePerHour ?? Infinity) || byPlace(a, b)
      : byPlace,
  );
  return o.limit === undefined ? kept : kept.slice(0, o.limit);
}
