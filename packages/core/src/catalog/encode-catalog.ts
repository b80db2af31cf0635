import { gzipSync } from 'node:zlib';
import type { Catalog, CatalogInstanceType } from './types.ts';

/** Spec fields in the order the on-disk rows store them (rows parse much faster than objects). */
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
] as const satisfies readonly (keyof CatalogInstanceType)[];

/** The on-disk shape: a Catalog whose `types` are rows of {@link TYPE_COLUMNS} values. */
export type EncodedCatalog = Omit<Catalog, 'types'> & { typeColumns: string[]; typeRows: unknown[][] };

/** The gzipped JSON bytes of a catalog, as `loadCatalog`/`readCatalogFile` read them. */
export function encodeCatalog(catalog: Catalog): Buffer {
  const { types, ...rest } = catalog;
  const encoded: EncodedCatalog = {
    ...rest,
    typeColumns: [...TYPE_COLUMNS],
    typeRows: types.map((t) => TYPE_COLUMNS.map((c) => t[c] ?? 0)),
  };
  return gzipSync(JSON.stringify(encoded), { level: 9 });
}

/** Inverse of the row encoding; `0` stands for an absent optional field. */
export function decodeCatalog(encoded: EncodedCatalog): Catalog {
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
