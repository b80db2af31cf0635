import type { Catalog, CatalogInstanceType } from './types.ts';

interface CatalogIndex {
  byName: Map<string, { type: CatalogInstanceType; index: number }>;
  offerings: Map<string, number[]>;
  spot: Map<string, (number | undefined)[]>;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** Lazily built lookup tables; per-region strings are split only when a region is first asked. */
export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = {
      byName: new Map(catalog.types.map((type, i) => [type.instanceType, { type, index: i }])),
      offerings: new Map(),
      spot: new Map(),
    };
    indexes.set(catalog, index);
  }
  return index;
}

/** The AZ bit masks of a region, one per catalog type (undefined when the region is unknown). */
export function regionMasks(catalog: Catalog, region: string): number[] | undefined {
  const idx = catalogIndex(catalog);
  const cached = idx.offerings.get(region);
  if (cached) return cached;
  const r = catalog.offerings[region];
  if (!r) return undefined;
  const masks = r.masks.split(',').map((m) => (m === '' ? 0 : Number.parseInt(m, 36)));
  idx.offerings.set(region, masks);
  return masks;
}

/** Spot Advisor codes (`savings * 10 + range`) of a region, one per catalog type. */
export function regionSpotCodes(catalog: Catalog, region: string): (number | undefined)[] | undefined {
  const idx = catalogIndex(catalog);
  const cached = idx.spot.get(region);
  if (cached) return cached;
  const raw = catalog.spotAdvisor?.regions[region];
  if (raw === undefined) return undefined;
  const codes = raw.split(',').map((c) => (c === '' ? undefined : Number(c)));
  idx.spot.set(region, codes);
  return codes;
}
