import type { Cache, CacheKey, ValueSchema } from '../cache/types.ts';
import { coveringScopes } from './instance-type-patterns.ts';

const MISS = Symbol('cache miss');

/** The cached value under `key`, or undefined (never loads). */
export async function peek<T>(cache: Cache, key: CacheKey, schema?: ValueSchema<T>): Promise<T | undefined> {
  try {
    return (await cache.getOrLoad<T>(key, () => Promise.reject(MISS), schema ? { schema } : {})).value;
  } catch (error) {
    if (error === MISS) return undefined;
    throw error;
  }
}

/**
 * A pattern's answer from the narrowest cached scope that covers it (narrowed with `narrow`), else
 * loaded for the pattern alone and cached under it. `key(scope)` names a scope's cache entry;
 * scope `*` is "every type". `schema` checks values read back from disk.
 */
export async function loadCovered<T>(
  cache: Cache,
  key: (scope: string) => CacheKey,
  pattern: string,
  load: () => Promise<T>,
  narrow: (value: T, pattern: string) => T,
  schema?: ValueSchema<T>,
): Promise<T> {
  for (const scope of coveringScopes(pattern)) {
    const hit = await peek<T>(cache, key(scope), schema);
    if (hit !== undefined) return scope === pattern ? hit : narrow(hit, pattern);
  }
  return (await cache.getOrLoad(key(pattern), load, schema ? { schema } : {})).value;
}
