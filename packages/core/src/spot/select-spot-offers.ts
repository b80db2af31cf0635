import type { Offer } from '../protocol/schemas.ts';

/** How `truffle spot` orders offers. */
export type SpotSort = 'price' | 'savings' | 'interruption';

export interface SelectSpotOffersOptions {
  /** Keep offers at or under this USD/hour (an offer without a price is dropped then). */
  maxPrice?: number;
  /** price: cheapest first; savings: largest saving first; interruption: rarest first. Unknowns last. */
  sort?: SpotSort;
  /** Same as `sort: 'price'` (the older flag). */
  sortByPrice?: boolean;
  limit?: number;
}

/** Lower bound of a Spot Advisor bucket label (`<5%` 0, `5-10%` 5, `>20%` 20) for ordering. */
export function interruptionRank(label: string | undefined): number {
  if (!label) return Number.POSITIVE_INFINITY;
  if (label.startsWith('<')) return 0;
  const n = Number.parseFloat(label.replace(/^>/, ''));
  return Number.isFinite(n) ? n + (label.startsWith('>') ? 0.5 : 0) : Number.POSITIVE_INFINITY;
}

/** Filters, orders and trims spot offers for display; pure. Ties (and the default) go by type, region, AZ. */
export function selectSpotOffers(offers: readonly Offer[], o: SelectSpotOffersOptions = {}): Offer[] {
  const max = o.maxPrice;
  const kept = offers.filter((x) => max === undefined || (x.pricePerHour ?? Infinity) <= max);
  const byPlace = (a: Offer, b: Offer) =>
    a.instanceType.localeCompare(b.instanceType) ||
    a.region.localeCompare(b.region) ||
    (a.availabilityZone ?? '').localeCompare(b.availabilityZone ?? '');
  const sort = o.sort ?? (o.sortByPrice ? 'price' : undefined);
  const key: Record<SpotSort, (x: Offer) => number> = {
    price: (x) => x.pricePerHour ?? Number.POSITIVE_INFINITY,
    savings: (x) => -(x.savingsPercent ?? Number.NEGATIVE_INFINITY),
    interruption: (x) => interruptionRank(x.interruptionFrequency),
  };
  const compare = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);
  kept.sort(sort ? (a, b) => compare(key[sort](a), key[sort](b)) || byPlace(a, b) : byPlace);
  return o.limit === undefined ? kept : kept.slice(0, o.limit);
}
