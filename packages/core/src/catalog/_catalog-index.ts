import { lazyTypeRows } from './_lazy-types.ts';
import type { Catalog, CatalogInstanceType } from './types.ts';

interface CatalogIndex {
  /** Built only for a catalog whose types are not sorted by name (see {@link typeIndex}). */
  byName?: Map<string, number>;
  sorted?: boolean;
  offerings: Map<string, number[]>;
  /** Regions whose mask column one field was read from (a second read splits the column). */
  maskRead: Set<string>;
  spot: Map<string, (number | undefined)[]>;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** Lazily built lookup tables; per-region strings are split only when a region is first asked. */
export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = {
      offerings: new Map(),
      maskRead: new Set(),
      spot: new Map(),
    };
    indexes.set(catalog, index);
  }
  return index;
}

/**
 * Position of a type in `catalog.types`. Catalogs keep their types sorted by name (assembleCatalog),
 * so a binary search answers without a name-to-index Map: building one over ~1,300 types took
 * 2.5-5 ms of every offline search (string hashing and an entry per type, then a GC). A catalog
 * found unsorted (built by hand, e.g. in tests) gets the Map.
 */
export function typeIndex(catalog: Catalog, instanceType: string): number | undefined {
  const found = lazyTypeRows(catalog)?.indexOf(instanceType);
  // Not found this way (e.g. a file whose types are not sorted): the decoded types are searched below.
  if (found !== undefined) return found === -1 ? undefined : found;
  const types = catalog.types;
  let lo = 0;
  let hi = types.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const name = (types[mid] as CatalogInstanceType).instanceType;
    if (name === instanceType) return mid;
    if (name < instanceType) lo = mid + 1;
    else hi = mid - 1;
  }
  const idx = catalogIndex(catalog);
  idx.sorted ??= types.every(
    (t, i) => i === 0 || (types[i - 1] as CatalogInstanceType).instanceType < t.instanceType,
  );
  if (idx.sorted) return undefined;
  idx.byName ??= new Map(types.map((t, i) => [t.instanceType, i]));
  return idx.byName.get(instanceType);
}

/** The AZ bit masks of a region, one per catalog type (undefined when the region is unknown). */
export function regionMasks(catalog: Catalog, region: string): number[] | undefined {
  return splitColumn(catalogIndex(catalog).offerings, region, catalog.offerings[region]?.masks, parseMask);
}

const parseMask = (field: string): number => (field === '' ? 0 : Number.parseInt(field, 36));

/** A region's comma-separated column (one field per catalog type), split and parsed once. */
function splitColumn<T>(
  cache: Map<string, T[]>,
  region: string,
  raw: string | undefined,
  parse: (field: string) => T,
): T[] | undefined {
  const cached = cache.get(region);
  if (cached) return cached;
  if (raw === undefined) return undefined;
  const values = raw.split(',').map(parse);
  cache.set(region, values);
  return values;
}

/**
 * One type's AZ bit mask in a region (0: not offered; undefined: region unknown). Reads the one
 * field the first time a region is asked: an exact lookup would otherwise parse ~1,300 masks to
 * use one (~0.3 ms of the offline search's start-up).
 */
export function regionMask(catalog: Catalog, region: string, i: number): number | undefined {
  const idx = catalogIndex(catalog);
  const cached = idx.offerings.get(region);
  if (cached) return cached[i] ?? 0;
  const masks = catalog.offerings[region]?.masks;
  if (masks === undefined) return undefined;
  // A second type asked of the region (a fuzzy search ranks many): split the column once.
  if (idx.maskRead.has(region)) return regionMasks(catalog, region)?.[i] ?? 0;
  idx.maskRead.add(region);
  let start = 0;
  for (let n = 0; n < i; n++) {
    start = masks.indexOf(',', start) + 1;
    if (start === 0) return 0;
  }
  const end = masks.indexOf(',', start);
  return parseMask(end === -1 ? masks.slice(start) : masks.slice(start, end));
}

/** Spot Advisor codes (`savings * 10 + range`) of a region, one per catalog type. */
export function regionSpotCodes(catalog: Catalog, region: string): (number | undefined)[] | undefined {
  return splitColumn(catalogIndex(catalog).spot, region, catalog.spotAdvisor?.regions[region], (c) =>
    c === '' ? undefined : Number(c),
  );
}
