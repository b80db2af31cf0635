import { loadCatalog } from '../catalog/load-catalog.ts';
import { onDemandPrice } from '../catalog/lookups.ts';
import type { HourlyPrice } from './price-lookup.ts';

/** On-demand price from the embedded offline catalog, with its source and date; undefined when unknown. */
export async function catalogOnDemandPrice(
  instanceType: string,
  region: string,
): Promise<HourlyPrice | undefined> {
  const catalog = await loadCatalog().catch(() => undefined);
  const price = catalog ? onDemandPrice(catalog, instanceType, region) : undefined;
  return price
    ? { usdPerHour: price.usdPerHour, source: `on-demand, offline catalog as of ${price.asOf.slice(0, 10)}` }
    : undefined;
}
