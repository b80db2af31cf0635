import type { Catalog, CatalogInstanceType } from './types.ts';

/** How a catalog file's types are read: one at a time (an exact name) or all together. */
export interface TypeReader {
  count: number;
  /**
   * Position of a type, found without decoding the types: -1 when the file has no such type,
   * undefined when this way cannot tell (the decoded types are then searched).
   */
  indexOf(instanceType: string): number | undefined;
  /** The type at position i (a type `indexOf` found). */
  one(i: number): CatalogInstanceType;
  /** Reads the whole table once; the result decodes any position. */
  all(): (i: number) => CatalogInstanceType;
}

interface LazyRows {
  indexOf(instanceType: string): number | undefined;
  row(i: number): CatalogInstanceType;
  decoded(): boolean;
}

const lazyRows = new WeakMap<Catalog, LazyRows>();

/**
 * Makes `catalog.types` decoded on its first read: an exact-name search reads one type through
 * {@link lazyTypeRows} and never builds the ~1,300 objects (fewer young-generation GCs at start).
 * Types decoded one by one are reused by the full decode, so a type is the same object whichever
 * way it was reached.
 */
export function defineLazyTypes(catalog: Catalog, reader: TypeReader): void {
  const some: CatalogInstanceType[] = [];
  let all: CatalogInstanceType[] | undefined;
  const decodeAll = () => {
    if (!all) {
      const at = reader.all();
      all = new Array(reader.count);
      for (let i = 0; i < reader.count; i++) all[i] = some[i] ?? at(i);
    }
    return all;
  };
  Object.defineProperty(catalog, 'types', { enumerable: true, configurable: true, get: decodeAll });
  lazyRows.set(catalog, {
    indexOf: reader.indexOf,
    row: (i) => {
      if (all) return all[i] as CatalogInstanceType;
      let t = some[i];
      if (!t) {
        t = reader.one(i);
        some[i] = t;
      }
      return t;
    },
    decoded: () => all !== undefined,
  });
}

/** For a decoded catalog file whose `types` have not been read yet: its name index and one-row decoder. */
export function lazyTypeRows(catalog: Catalog): Omit<LazyRows, 'decoded'> | undefined {
  const lazy = lazyRows.get(catalog);
  return lazy && !lazy.decoded() ? lazy : undefined;
}
