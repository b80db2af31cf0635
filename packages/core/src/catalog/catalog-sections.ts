import { defineLazyTypes } from './_lazy-types.ts';
import { type TypeDictionaries, type TypeRow, typeFromRow, typeRowOf } from './_type-row.ts';
import { encodeRegionPrices, encodeTypeTable, lazyPrices } from './encode-catalog.ts';
import type { Catalog, CatalogSource } from './types.ts';

/** Byte offsets `[start, end)` of a section's JSON text, counted from the end of the header line. */
type Range = [number, number];

/**
 * File format 3, what each CLI's `dist/catalog.json` holds: a header line (JSON) and after it each
 * part of the catalog as a JSON text of its own, at the byte ranges the header gives. A reader parses
 * a part when it is first used: an exact-name offline search parses one type's row, one region's
 * offerings and prices, and never the ~280 KB of the rest (parsing it all, then the young-generation
 * GCs that followed, took ~5 ms of every search). Types are rows (see {@link TypeRow}), one per line.
 */
interface SectionsHeader {
  formatVersion: 3;
  generatedAt: string;
  asOf: string;
  sources: CatalogSource[];
  /** Number of types. */
  count: number;
  /** `types`: a JSON array of rows, `[` and `]` on lines of their own and one row per line. */
  sections: { types: Range; dictionaries: Range; unspecified?: Range; spotAdvisor?: Range };
  offerings: Record<string, Range>;
  prices: Record<string, Range>;
}

const PREFIX = '{"formatVersion":3,';

/** A catalog as format 3 text (see {@link SectionsHeader}). */
export function encodeCatalogSections(catalog: Catalog): string {
  const parts: string[] = [];
  let at = 0;
  const add = (text: string): Range => {
    parts.push(text);
    const start = at;
    at += Buffer.byteLength(text);
    return [start, at];
  };
  const json = (value: unknown) => add(`${JSON.stringify(value)}\n`);
  const table = encodeTypeTable(catalog.types);
  const rows: string[] = [];
  for (let i = 0; i < table.count; i++) {
    const row = [...typeRowOf(table, i)];
    while (row.length > 0 && (row.at(-1) === null || row.at(-1) === undefined)) row.pop();
    rows.push(JSON.stringify(row));
  }
  const types = add(`[\n${rows.join(',\n')}\n]\n`);
  const dictionaries = json(
    Object.fromEntries(Object.entries(table.dictionaries).map(([k, d]) => [k, d.values])),
  );
  const unspecified = catalog.unspecified ? json(catalog.unspecified) : undefined;
  const spotAdvisor = catalog.spotAdvisor ? json(catalog.spotAdvisor) : undefined;
  const ranges = <T>(record: Record<string, T>, f: (value: T) => unknown) =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, json(f(value))]));
  const offerings = ranges(catalog.offerings, (o) => o);
  const prices = ranges(catalog.prices, encodeRegionPrices);
  const header: SectionsHeader = {
    formatVersion: 3,
    generatedAt: catalog.generatedAt,
    asOf: catalog.asOf,
    sources: catalog.sources,
    count: table.count,
    sections: { types, dictionaries, unspecified, spotAdvisor },
    offerings,
    prices,
  };
  return `${JSON.stringify(header)}\n${parts.join('')}`;
}

/** Whether these bytes are a format 3 catalog (else they are JSON of format 1 or 2). */
export function isCatalogSections(bytes: Buffer): boolean {
  return bytes.length > PREFIX.length && bytes.toString('latin1', 0, PREFIX.length) === PREFIX;
}

/** A catalog from format 3 bytes; each part is parsed on first use (the bytes are kept until then). */
export function decodeCatalogSections(bytes: Buffer): Catalog {
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.toString('utf8', 0, newline)) as SectionsHeader;
  const base = newline + 1;
  const all = [
    ...Object.values(header.sections),
    ...Object.values(header.offerings),
    ...Object.values(header.prices),
  ];
  if (all.some((r) => r !== undefined && base + r[1] > bytes.length))
    throw new Error('the catalog file is truncated');
  const text = ([start, end]: Range) => bytes.toString('utf8', base + start, base + end);
  const parse = <T>(range: Range) => JSON.parse(text(range)) as T;
  const { sections } = header;

  const catalog = {
    formatVersion: 1,
    generatedAt: header.generatedAt,
    asOf: header.asOf,
    sources: header.sources,
    offerings: lazyRecord(header.offerings, parse),
    prices: lazyRecord(header.prices, (range) => lazyPrices(parse(range))),
  } as Catalog;
  if (sections.unspecified) lazyProperty(catalog, 'unspecified', () => parse(sections.unspecified as Range));
  if (sections.spotAdvisor) lazyProperty(catalog, 'spotAdvisor', () => parse(sections.spotAdvisor as Range));

  let dictionaries: TypeDictionaries | undefined;
  const decode = (row: TypeRow) => {
    dictionaries ??= parse<TypeDictionaries>(sections.dictionaries);
    return typeFromRow(row, dictionaries);
  };
  const [typesStart, typesEnd] = sections.types;
  // A type's row is found by its name, the only string in the rows; its index is the row's first value.
  const found = new Map<string, TypeRow | undefined>();
  const rowNamed = (instanceType: string) => {
    if (found.has(instanceType)) return found.get(instanceType);
    const at = bytes.indexOf(`,${JSON.stringify(instanceType)},`, base + typesStart);
    let row: TypeRow | undefined;
    if (at !== -1 && at < base + typesEnd) {
      const start = bytes.lastIndexOf(10, at) + 1;
      const end = bytes.indexOf(10, at);
      row = JSON.parse(bytes.toString('utf8', start, bytes[end - 1] === 44 ? end - 1 : end)) as TypeRow;
    }
    found.set(instanceType, row);
    return row;
  };
  const byIndex = new Map<number, TypeRow>();
  let rows: TypeRow[] | undefined;
  const allRows = () => (rows ??= parse<TypeRow[]>(sections.types));
  defineLazyTypes(catalog, {
    count: header.count,
    indexOf: (instanceType) => {
      const row = rowNamed(instanceType);
      if (!row) return -1;
      byIndex.set(row[0] as number, row);
      return row[0] as number;
    },
    one: (i) => decode(byIndex.get(i) ?? (allRows()[i] as TypeRow)),
    all: () => {
      const list = allRows();
      return (i) => decode(list[i] as TypeRow);
    },
  });
  return catalog;
}

/** An object with one enumerable property per key, each read from its range on first access. */
function lazyRecord<T>(ranges: Record<string, Range>, read: (range: Range) => T): Record<string, T> {
  const record: Record<string, T> = {};
  for (const [key, range] of Object.entries(ranges)) lazyProperty(record, key, () => read(range));
  return record;
}

function lazyProperty<T extends object>(target: T, key: string, read: () => unknown): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = read();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
