import type { CatalogInstanceType } from '@truffle-spawn/core/catalog';
import type { OfferData } from './offer-data.ts';

/** The lowest known on-demand price of `t` across the answered regions where it is offered. */
export function lowestPrice(data: OfferData, t: CatalogInstanceType): number | undefined {
  let low: number | undefined;
  for (const region of data.regions) {
    if (data.azs(t.instanceType, region).length === 0) continue;
    const p = data.price(t.instanceType, region)?.usdPerHour;
    if (p !== undefined && (low === undefined || p < low)) low = p;
  }
  return low;
}
