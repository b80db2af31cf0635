import type { TypeTable } from './encode-catalog.ts';
import type { CatalogInstanceType } from './types.ts';

/**
 * One type as a row: its position in the catalog, then the values of `TYPE_COLUMNS` in that order,
 * where a dictionary column holds an index into its values (-1 = absent) and an absent plain value
 * is `null`; trailing absent values may be left out. Format 3 files store their types this way.
 */
export type TypeRow = readonly unknown[];

export type TypeDictionaries = {
  [C in keyof TypeTable['dictionaries']]: TypeTable['dictionaries'][C]['values'];
};

/** The row of position i of a format 2 type table. */
export function typeRowOf(table: TypeTable, i: number): TypeRow {
  const { plain: p, dictionaries: d } = table;
  return [
    i,
    p.instanceType[i],
    d.family.index[i],
    d.generation.index[i],
    p.vcpus[i],
    p.memoryMiB[i],
    d.architectures.index[i],
    d.gpus.index[i],
    d.processor.index[i],
    p.clockGHz[i],
    p.supportsHibernation[i],
    d.networkPerformance.index[i],
    p.currentGeneration[i],
    p.burstable[i],
    // Columns added after format 2 first shipped: absent in older files.
    p.networkGbps?.[i],
    p.efa?.[i],
    p.localStorageGB?.[i],
    p.nvme?.[i],
  ];
}

/** The type a row describes. Absent optional fields are undefined, as when read from AWS. */
export function typeFromRow(r: TypeRow, d: TypeDictionaries): CatalogInstanceType {
  // One literal shape for every type: this runs for each of ~1,300 types on a full decode.
  return {
    instanceType: r[1] as string,
    family: d.family[r[2] as number] as string,
    generation: d.generation[r[3] as number],
    vcpus: r[4] as number,
    memoryMiB: r[5] as number,
    architectures: d.architectures[r[6] as number] ?? [],
    gpus: d.gpus[r[7] as number],
    processor: d.processor[r[8] as number],
    clockGHz: (r[9] as number | null | undefined) ?? undefined,
    supportsHibernation: (r[10] as boolean | null | undefined) ?? false,
    networkPerformance: d.networkPerformance[r[11] as number],
    currentGeneration: (r[12] as boolean | null | undefined) ?? false,
    burstable: (r[13] as boolean | null | undefined) ?? undefined,
    networkGbps: (r[14] as number | null | undefined) ?? undefined,
    efa: (r[15] as true | null | undefined) ?? undefined,
    localStorageGB: (r[16] as number | null | undefined) ?? undefined,
    nvme: (r[17] as true | null | undefined) ?? undefined,
  };
}
