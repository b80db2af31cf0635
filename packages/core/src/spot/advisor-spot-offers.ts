import { findType, offeredAzs, onDemandPrice, spotAdvisor } from '../catalog/lookups.ts';
import { toOffer } from '../catalog/to-offer.ts';
import type { Catalog } from '../catalog/types.ts';
import type { Offer } from '../protocol/schemas.ts';

/**
 * Offline spot offers from the catalog's Spot Advisor data: one per (type, region) where the type
 * is offered and the advisor publishes a figure, with its saving and interruption bucket. There is
 * no spot price without a live source, so none is given (nor derived from the saving); the
 * catalog's on-demand price is carried where it has one.
 */
export function advisorSpotOffers(catalog: Catalog, instanceTypes: string[], regions: string[]): Offer[] {
  const offers: Offer[] = [];
  for (const name of instanceTypes) {
    const type = findType(catalog, name);
    if (!type) continue;
    for (const region of regions) {
      const advice = spotAdvisor(catalog, name, region);
      const azs = offeredAzs(catalog, name, region);
      if (!advice || (azs !== undefined && azs.length === 0)) continue;
      const {
        market: _onDemand,
        pricePerHour: _none,
        priceSource: _s,
        priceAsOf: _a,
        ...base
      } = toOffer(type, {
        region,
        ...(azs ? { availabilityZones: azs } : {}),
      });
      const od = onDemandPrice(catalog, name, region);
      offers.push({
        ...base,
        market: 'spot',
        ...(od ? { onDemandPricePerHour: od.usdPerHour } : {}),
        savingsPercent: advice.savingsPercent,
        interruptionFrequency: advice.interruptionFrequency,
      });
    }
  }
  return offers;
}
