import { regionMask, regionSpotCodes, typeIndex } from './_catalog-index.ts';
import { lazyTypeRows } from './_lazy-types.ts';
import { regionPrice } from './encode-catalog.ts';
import type { Catalog, CatalogInstanceType } from './types.ts';

/** The catalog entry for an exact instance type name. */
export function findType(catalog: Catalog, instanceType: string): CatalogInstanceType | undefined {
  const i = typeIndex(catalog, instanceType);
  if (i === undefined) return undefined;
  // Decodes only this type when the catalog's types have not been read yet.
  return lazyTypeRows(catalog)?.row(i) ?? catalog.types[i];
}

/**
 * AZs of `region` where the type is offered, from real offerings data. Undefined when the catalog
 * has no offerings for the region at all (unknown, not "nowhere"); `[]` when the type is not offered.
 */
export function offeredAzs(catalog: Catalog, instanceType: string, region: string): string[] | undefined {
  const azs = catalog.offerings[region]?.azs;
  if (!azs) return undefined;
  const i = typeIndex(catalog, instanceType);
  const mask = i === undefined ? 0 : (regionMask(catalog, region, i) ?? 0);
  return azs.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

/** Regions (sorted) where the type is offered in at least one AZ. */
export function offeredRegions(catalog: Catalog, instanceType: string): string[] {
  const i = typeIndex(catalog, instanceType);
  if (i === undefined) return [];
  return Object.keys(catalog.offerings)
    .filter((region) => (regionMask(catalog, region, i) ?? 0) !== 0)
    .sort();
}

/**
 * The catalog's on-demand price; undefined where no real price exists (never extrapolated).
 * `source` is `catalog` (the protocol's word); where the catalog got it is in `catalog.prices`.
 */
export function onDemandPrice(
  catalog: Catalog,
  instanceType: string,
  region: string,
): { usdPerHour: number; asOf: string; source: string } | undefined {
  const p = catalog.prices[region];
  const usdPerHour = p && regionPrice(p, instanceType);
  if (!p || usdPerHour === undefined) return undefined;
  return { usdPerHour, asOf: p.asOf, source: 'catalog' };
}

/** Spot Advisor savings and interruption bucket (Linux) for a type in a region, if published. */
export function spotAdvisor(
  catalog: Catalog,
  instanceType: string,
  region: string,
): { savingsPercent: number; interruptionFrequency: string; asOf: string } | undefined {
  const sa = catalog.spotAdvisor;
  const i = typeIndex(catalog, instanceType);
  const code = i === undefined ? undefined : regionSpotCodes(catalog, region)?.[i];
  if (!sa || code === undefined) return undefined;
  const label = sa.ranges[code % 10];
  if (label === undefined) return undefined;
  return { savingsPercent: Math.floor(code / 10), interruptionFrequency: label, asOf: sa.asOf };
}

/**
 * A type AWS prices but this catalog has no specs for (`catalog.unspecified`): its name and the
 * regions with a catalog price. Undefined for a type the catalog describes or does not know at all.
 */
export function unspecifiedType(
  catalog: Catalog,
  instanceType: string,
): { instanceType: string; pricedRegions: string[] } | undefined {
  if (!catalog.unspecified?.includes(instanceType)) return undefined;
  const pricedRegions = Object.keys(catalog.prices)
    .filter((region) => onDemandPrice(catalog, instanceType, region) !== undefined)
    .sort();
  return { instanceType, pricedRegions };
}
