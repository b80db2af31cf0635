import { gzipSync } from 'node:zlib';
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
  const encoded = {
    formatVersion: 2,
    ...rest,
    prices: Object.fromEntries(
      Object.entries(prices).map(([region, { source, asOf, usdPerHour }]) => {
        const names = Object.keys(usdPerHour);
        const usd = names.map((n) => usdPerHour[n]);
        return [region, { source, asOf, types: names.join(','), usd: usd.join(',') }];
      }),
    ),
    typeTable: { count: types.length, plain, dictionaries } as TypeTable,
  } satisfies EncodedCatalog;
  return gzipSync(JSON.stringify(encoded), { level: 9 });
}

/** Inverse of {@link encodeCatalog} (and reader of format 1 files). */
export function decodeCatalog(encoded: EncodedCatalog | EncodedCatalogV1): Catalog {
  if (encoded.formatVersion === 1) return decodeRows(encoded);
  const { typeTable, formatVersion: _file, prices, ...rest } = encoded;
  const { plain: p, dictionaries: d } = typeTable;
  // Column arrays in locals and one literal shape per type: this runs at every CLI start.
  const names = p.instanceType;
  const vcpus = p.vcpus;
  const memory = p.memoryMiB;
  const clock = p.clockGHz;
  const hibernation = p.supportsHibernation;
  const current = p.currentGeneration;
  const burstable = p.burstable;
  // Columns added after format 2 first shipped: absent in older files.
  const gbps = p.networkGbps ?? [];
  const efa = p.efa ?? [];
  const localGB = p.localStorageGB ?? [];
  const nvme = p.nvme ?? [];
  const [family, familyAt] = [d.family.values, d.family.index];
  const [generation, generationAt] = [d.generation.values, d.generation.index];
  const [arch, archAt] = [d.architectures.values, d.architectures.index];
  const [gpus, gpusAt] = [d.gpus.values, d.gpus.index];
  const [processor, processorAt] = [d.processor.values, d.processor.index];
  const [network, networkAt] = [d.networkPerformance.values, d.networkPerformance.index];
  // Absent optional fields are undefined (index -1 reads as undefined), as when read from AWS.
  const row = (i: number): CatalogInstanceType => ({
    instanceType: names[i] as string,
    family: family[familyAt[i] as number] as string,
    generation: generation[generationAt[i] as number],
    vcpus: vcpus[i] as number,
    memoryMiB: memory[i] as number,
    architectures: arch[archAt[i] as number] ?? [],
    gpus: gpus[gpusAt[i] as number],
    processor: processor[processorAt[i] as number],
    clockGHz: clock[i] ?? undefined,
    supportsHibernation: hibernation[i] ?? false,
    networkPerformance: network[networkAt[i] as number],
    currentGeneration: current[i] ?? false,
    burstable: burstable[i] ?? undefined,
    networkGbps: gbps[i] ?? undefined,
    efa: efa[i] ?? undefined,
    localStorageGB: localGB[i] ?? undefined,
    nvme: nvme[i] ?? undefined,
  });
  // Rows decoded one by one (an exact-name search) are reused by the full decode, so a type is
  // the same object whichever way it was reached.
  const some: CatalogInstanceType[] = [];
  let all: CatalogInstanceType[] | undefined;
  const decodeAll = () => {
    if (!all) {
      all = new Array(typeTable.count);
      for (let i = 0; i < typeTable.count; i++) all[i] = some[i] ?? row(i);
    }
    return all;
  };
  const catalog = { formatVersion: 1, ...rest, prices: mapValues(prices, lazyPrices) } as Catalog;
  // Types are decoded on first read of `catalog.types`: an exact-name search reads one row through
  // {@link lazyTypeRow} and never builds the ~1,300 objects (fewer young-generation GCs at start).
  Object.defineProperty(catalog, 'types', { enumerable: true, configurable: true, get: decodeAll });
  lazyRows.set(catalog, {
    names,
    row: (i) => {
      if (all) return all[i] as CatalogInstanceType;
      let t = some[i];
      if (!t) {
        t = row(i);
        some[i] = t;
      }
      return t;
    },
    decoded: () => all !== undefined,
  });
  const spot: unknown = rest.spotAdvisor;
  if (typeof spot === 'string') {
    // A CLI's own copy keeps the spot advisor data (a third of the file) as JSON text: parsed on
    // first read, so runs that never rank spot offers neither parse it nor carry it through GC.
    let parsed: Catalog['spotAdvisor'];
    Object.defineProperty(catalog, 'spotAdvisor', {
      enumerable: true,
      get: () => (parsed ??= JSON.parse(spot) as Catalog['spotAdvisor']),
    });
  }
  return catalog;
}

interface LazyRows {
  /** Type names in catalog order (sorted), readable without decoding the types. */
  names: readonly (string | null)[];
  row(i: number): CatalogInstanceType;
  decoded(): boolean;
}

const lazyRows = new WeakMap<Catalog, LazyRows>();

/** For a decoded format-2 catalog whose `types` have not been read yet: its names and one-row decoder. */
export function lazyTypeRows(catalog: Catalog): LazyRows | undefined {
  const lazy = lazyRows.get(catalog);
  return lazy && !lazy.decoded() ? lazy : undefined;
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
function lazyPrices({ source, asOf, types, usd }: EncodedRegionPrices): RegionPrices {
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
