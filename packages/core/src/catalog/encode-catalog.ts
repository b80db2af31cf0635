import { gzipSync } from 'node:zlib';
import { defineLazyTypes } from './_lazy-types.ts';
import { type TypeDictionaries, typeFromRow, typeRowOf } from './_type-row.ts';
import type { Catalog, CatalogInstanceType, RegionPrices } from './types.ts';

/** Spec fields, in the order rows (file format 1) store them. */
export const TYPE_COLUMNS = [
  'instanceType',
  'family',
  'generation',
  'vcpus',
  'memoryMiB',
  'architectures',
  'gpus',
  'processor',
  'clockGHz',
  'supportsHibernation',
  'networkPerformance',
  'currentGeneration',
  'burstable',
  'networkGbps',
  'efa',
  'localStorageGB',
  'nvme',
] as const satisfies readonly (keyof CatalogInstanceType)[];

type TypeColumn = (typeof TYPE_COLUMNS)[number];

/** Columns with few distinct values: stored once in a dictionary, referenced by index. */
const DICTIONARY_COLUMNS = [
  'family',
  'generation',
  'architectures',
  'gpus',
  'processor',
  'networkPerformance',
] as const satisfies readonly TypeColumn[];
type DictionaryColumn = (typeof DICTIONARY_COLUMNS)[number];
type PlainColumn = Exclude<TypeColumn, DictionaryColumn>;

/**
 * File format 2: the types as columns. Plain columns are arrays aligned with the type order (`null`
 * for an absent optional field); dictionary columns hold each distinct value once plus one index per
 * type (-1 = absent). Parsing makes a few dozen arrays instead of a row array, an architectures
 * array and a GPU object per type, and decoding then shares those values: at CLI start, read + parse
 * + decode of the embedded catalog took ~10 ms as rows (format 1).
 */
export interface TypeTable {
  count: number;
  plain: { [C in PlainColumn]: (CatalogInstanceType[C] | null)[] };
  dictionaries: {
    [C in DictionaryColumn]: { values: NonNullable<CatalogInstanceType[C]>[]; index: number[] };
  };
}

/**
 * One region's prices in format 2: type names and prices as two aligned comma-separated strings.
 * As an object of ~1,400 keys they took ~1.4 ms of every parse; now they are split when a price is
 * first asked for.
 */
export interface EncodedRegionPrices {
  source: string;
  asOf: string;
  types: string;
  usd: string;
}

/** The on-disk shape of format 2: a Catalog whose `types` are a {@link TypeTable}. */
export type EncodedCatalog = Omit<Catalog, 'types' | 'formatVersion' | 'prices'> & {
  formatVersion: 2;
  typeTable: TypeTable;
  prices: Record<string, EncodedRegionPrices>;
};

/** Format 1 (rows of {@link TYPE_COLUMNS} values, `0` for absent), still read: `truffle refresh --catalog` wrote it. */
export type EncodedCatalogV1 = Omit<Catalog, 'types'> & { typeColumns: string[]; typeRows: unknown[][] };

/** The gzipped JSON bytes of a catalog, as `loadCatalog`/`readCatalogFile` read them. */
export function encodeCatalog(catalog: Catalog): Buffer {
  const { types, formatVersion: _shape, prices, ...rest } = catalog;
  const encoded = {
    formatVersion: 2,
    ...rest,
    prices: mapValues(prices, encodeRegionPrices),
    typeTable: encodeTypeTable(types),
  } satisfies EncodedCatalog;
  return gzipSync(JSON.stringify(encoded), { level: 9 });
}

/** Types as format 2 columns: plain ones aligned with the types, the others through dictionaries. */
export function encodeTypeTable(types: readonly CatalogInstanceType[]): TypeTable {
  const plain = {} as Record<PlainColumn, unknown[]>;
  for (const column of TYPE_COLUMNS) {
    if (!isDictionaryColumn(column)) plain[column] = types.map((t) => t[column] ?? null);
  }
  const dictionaries = {} as Record<DictionaryColumn, { values: unknown[]; index: number[] }>;
  for (const column of DICTIONARY_COLUMNS) {
    const keys = new Map<string, number>();
    const values: unknown[] = [];
    const index = types.map((t) => {
      const value = t[column];
      if (value === undefined) return -1;
      const key = JSON.stringify(value);
      let i = keys.get(key);
      if (i === undefined) {
        i = values.push(value) - 1;
        keys.set(key, i);
      }
      return i;
    });
    dictionaries[column] = { values, index };
  }
  return { count: types.length, plain, dictionaries } as TypeTable;
}

/** A region's prices as format 2 stores them (see {@link EncodedRegionPrices}). */
export function encodeRegionPrices({ source, asOf, usdPerHour }: RegionPrices): EncodedRegionPrices {
  const names = Object.keys(usdPerHour);
  return { source, asOf, types: names.join(','), usd: names.map((n) => usdPerHour[n]).join(',') };
}

/** Inverse of {@link encodeCatalog} (and reader of format 1 files). */
export function decodeCatalog(encoded: EncodedCatalog | EncodedCatalogV1): Catalog {
  if (encoded.formatVersion === 1) return decodeRows(encoded);
  const { typeTable, formatVersion: _file, prices, ...rest } = encoded;
  const names = typeTable.plain.instanceType;
  const dictionaries = mapValues(typeTable.dictionaries, (d) => d.values) as TypeDictionaries;
  const row = (i: number) => typeFromRow(typeRowOf(typeTable, i), dictionaries);
  const catalog = { formatVersion: 1, ...rest, prices: mapValues(prices, lazyPrices) } as Catalog;
  defineLazyTypes(catalog, {
    count: typeTable.count,
    indexOf: (instanceType) => sortedIndex(names, instanceType),
    one: row,
    all: () => row,
  });
  return catalog;
}

const priceLookups = new WeakMap<RegionPrices, (instanceType: string) => number | undefined>();

/**
 * A region's on-demand price for a type. Decoded catalogs answer the first few lookups of a region
 * by scanning its comma-separated strings, then from a Map: building the Map (~1,400 names hashed)
 * took ~5 ms of an offline search that asks one price.
 */
export function regionPrice(prices: RegionPrices, instanceType: string): number | undefined {
  const lookup = priceLookups.get(prices);
  return lookup ? lookup(instanceType) : prices.usdPerHour[instanceType];
}

/** Lookups of one region answered by scanning before its Map is built. */
const SCANS_BEFORE_MAP = 16;

/** A region's prices from format 2; the full `usdPerHour` record is built only if read. */
export function lazyPrices({ source, asOf, types, usd }: EncodedRegionPrices): RegionPrices {
  let map: Map<string, number> | undefined;
  let scans = 0;
  const table = () => {
    if (!map) {
      map = new Map();
      const names = types === '' ? [] : types.split(',');
      const values = usd.split(',');
      for (let i = 0; i < names.length; i++) map.set(names[i] as string, Number(values[i]));
    }
    return map;
  };
  let record: Record<string, number> | undefined;
  const prices: RegionPrices = {
    source,
    asOf,
    get usdPerHour() {
      record ??= Object.fromEntries(table());
      return record;
    },
  };
  priceLookups.set(prices, (name) =>
    map || ++scans > SCANS_BEFORE_MAP ? table().get(name) : scanPrice(types, usd, name),
  );
  return prices;
}

/** The price of `name` from aligned comma-separated names and prices, without splitting either. */
export function scanPrice(types: string, usd: string, name: string): number | undefined {
  if (name === '') return undefined;
  let at = types.indexOf(name);
  while (at !== -1) {
    const end = at + name.length;
    if (
      (at === 0 || types.charCodeAt(at - 1) === 44) &&
      (end === types.length || types.charCodeAt(end) === 44)
    ) {
      break;
    }
    at = types.indexOf(name, at + 1);
  }
  if (at === -1) return undefined;
  let start = 0;
  for (let comma = types.indexOf(',', 0); comma !== -1 && comma < at; comma = types.indexOf(',', comma + 1)) {
    start = usd.indexOf(',', start) + 1;
    if (start === 0) return undefined;
  }
  const stop = usd.indexOf(',', start);
  return Number(usd.slice(start, stop === -1 ? usd.length : stop));
}

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}

/** Binary search of a catalog's sorted type names; may miss if they are not sorted. */
function sortedIndex(names: readonly (string | null)[], instanceType: string): number | undefined {
  let lo = 0;
  let hi = names.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const name = names[mid] as string;
    if (name === instanceType) return mid;
    if (name < instanceType) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function decodeRows(encoded: EncodedCatalogV1): Catalog {
  const { typeColumns, typeRows, ...rest } = encoded;
  const types = typeRows.map((row) => {
    const t: Record<string, unknown> = {};
    for (let i = 0; i < typeColumns.length; i++) {
      const value = row[i];
      const key = typeColumns[i] as string;
      if (value !== 0 || key === 'vcpus' || key === 'memoryMiB') t[key] = value;
    }
    t.supportsHibernation ??= false;
    t.currentGeneration ??= false;
    return t as unknown as CatalogInstanceType;
  });
  return { ...rest, types };
}

function isDictionaryColumn(column: TypeColumn): column is DictionaryColumn {
  return (DICTIONARY_COLUMNS as readonly string[]).includes(column);
}
