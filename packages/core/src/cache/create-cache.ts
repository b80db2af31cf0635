import type { Cache, CacheOptions } from './types.ts';

/** Creates a bounded in-memory cache in front of an optional disk cache under `o.dir`. */
export function createCache(_o: CacheOptions): Cache {
  throw new Error('not implemented');
}
