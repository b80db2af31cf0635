import type { Offer } from '@truffle-spawn/core';
import { type CatalogInstanceType, toOffer } from '@truffle-spawn/core/catalog';
import type { SearchMatch } from '@truffle-spawn/core/search';
import type { OfferData } from './offer-data.ts';

/**
 * One on-demand offer per (type, region) where the type is really offered, in match order, with
 * the AZs from the offerings data. `maxPrice` drops offers without a known price or above it;
 * `limit` counts instance types, not rows; `matchOf` labels each record with how the search matched it.
 */
export function buildOffers(
  data: OfferData,
  types: readonly CatalogInstanceType[],
  o: {
    maxPrice?: number;
    limit?: number;
    matchOf?: (instanceType: string) => SearchMatch | undefined;
    /** The Spot Advisor interruption bucket to show (search sorted by interruption or asked for spot). */
    interruptionOf?: (instanceType: string, region: string) => string | undefined;
  } = {},
): Offer[] {
  const offers: Offer[] = [];
  let typesShown = 0;
  for (const t of types) {
    if (o.limit !== undefined && typesShown >= o.limit) break;
    let shown = false;
    for (const region of data.regions) {
      const azs = data.azs(t.instanceType, region);
      if (azs.length === 0) continue;
      const price = data.price(t.instanceType, region);
      if (o.maxPrice !== undefined && (price === undefined || price.usdPerHour > o.maxPrice)) continue;
      const match = o.matchOf?.(t.instanceType);
      const interruptionFrequency = o.interruptionOf?.(t.instanceType, region);
      offers.push({
        ...toOffer(t, { region, availabilityZones: azs, price }),
        ...(interruptionFrequency ? { interruptionFrequency } : {}),
        ...(match ? { match } : {}),
      });
      shown = true;
    }
    if (shown) typesShown++;
  }
  return offers;
}
