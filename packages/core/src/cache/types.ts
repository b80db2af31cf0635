import type { ZodType } from 'zod';
import type { CacheKind } from './cache-kind.ts';

/** Identifies one cached value. */
export interface CacheKey {
  /** AWS account id (or a stand-in such as a profile name when the id is not known yet). */
  account: string;
  region: string;
  kind: CacheKind;
  /** Distinguishes values of one kind, e.g. a query or instance type list; hashed on disk. */
  id?: string;
}

export interface CacheOptions {
  /** Directory for the disk cache; undefined keeps the cache in memory only. */
  dir?: string;
  /** false (`--no-cache`): never read nor write, neither memory nor disk. Default true. */
  enabled?: boolean;
  /** true (`--refresh`): ignore cached values but still store the freshly loaded ones. */
  refresh?: boolean;
  /** Clock in epoch milliseconds; injected so tests can expire entries. Default Date.now. */
  now?: () => number;
  /** Per-kind overrides of CACHE_TTL_MS. */
  ttlMs?: Partial<Record<CacheKind, number>>;
}

export interface GetOrLoadOptions<T> {
  /**
   * Checks a value read from disk (files outlive the code that wrote them and can be edited or
   * corrupted): a value that does not parse is dropped like a missing entry, loaded again and
   * overwritten. The parsed value is what the caller gets.
   */
  schema?: ValueSchema<T>;
}

/**
 * A zod schema, or a function that builds it on first use ({@link lazySchema}): zod costs about
 * 4x `node -e 0` to load, so an offline command must not load it just to declare a cache shape.
 */
export type ValueSchema<T> = ZodType<T> | (() => Promise<ZodType<T>>);

/** Where a value returned by getOrLoad came from. */
export type CacheSource = 'memory' | 'disk' | 'loaded';

export interface Cache {
  /**
   * Returns the fresh cached value for key, or calls load once (concurrent callers for the same
   * key share that call) and stores its result. Values must be JSON-serialisable.
   */
  getOrLoad<T>(
    key: CacheKey,
    load: () => Promise<T>,
    o?: GetOrLoadOptions<T>,
  ): Promise<{ value: T; source: CacheSource }>;
  /** Drops every entry, or only those of one kind, from memory and disk. */
  clear(kind?: CacheKind): Promise<void>;
  /** Hits (memory or disk) and misses (loads) since creation. */
  stats(): { hits: number; misses: number };
}
