import type { ValueSchema } from './types.ts';

/** What a lazy schema's shape is, as text: the stamp changes when the shape's code changes. */
export const SCHEMA_SOURCE = Symbol('schema source');

// FNV-1a over UTF-16 code units: no node:crypto (~7 ms to load on a warm run), and collisions only
// matter against accidental corruption, which JSON.parse and the key check mostly catch already.
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The stamp of a value that passed `schema` when it was written: a hash of the value's JSON and of
 * the schema's source. A value read back with the same stamp is the one that was checked, by the
 * same shape, so it needs no second check (and zod, ~95 files, need not load on a warm run).
 * Undefined for schemas without a known source (a plain ZodType): those are always checked.
 */
export function valueStamp(value: unknown, schema: ValueSchema<unknown>): string | undefined {
  const source = (schema as { [SCHEMA_SOURCE]?: string })[SCHEMA_SOURCE];
  if (source === undefined) return undefined;
  return `${fnv1a(source)}-${fnv1a(JSON.stringify(value) ?? '')}`;
}
