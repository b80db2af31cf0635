import { LRUCache } from 'lru-cache';
import { clearEntries, readEntry, type StoredEntry, writeEntry } from './_disk-store.ts';
import { entryPath } from './_entry-path.ts';
import { valueStamp } from './_value-stamp.ts';
import { CACHE_TTL_MS, type CacheKind } from './cache-kind.ts';
import type { Cache, CacheKey, CacheOptions, CacheSource, GetOrLoadOptions } from './types.ts';

interface MemoryEntry extends StoredEntry {
  kind: CacheKind;
}
type Result = { value: unknown; source: CacheSource };

/**
 * Creates a bounded in-memory LRU in front of an optional disk cache under `o.dir`. With
 * `refresh`, disk entries are ignored; memory still serves values loaded earlier by this same
 * cache, since with refresh it only ever holds values loaded during this run. Values are shared,
 * not copied: treat them as read-only.
 */
export function createCache(o: CacheOptions): Cache {
  const now = o.now ?? Date.now;
  const memory = new LRUCache<string, MemoryEntry>({ max: 500 });
  const inFlight = new Map<string, Promise<Result>>();
  const counts = { hits: 0, misses: 0 };
  const isFresh = (kind: CacheKind, storedAt: number) => {
    const age = now() - storedAt;
    return age >= 0 && age < (o.ttlMs?.[kind] ?? CACHE_TTL_MS[kind]);
  };

  async function resolve(
    id: string,
    key: CacheKey,
    load: () => Promise<unknown>,
    schema: GetOrLoadOptions<unknown>['schema'],
  ): Promise<Result> {
    const file = o.dir === undefined ? undefined : entryPath(o.dir, key);
    if (file !== undefined && !o.refresh) {
      const stored = await readEntry(file, key);
      // A valid envelope around a value of the wrong shape is a miss, like a corrupt file.
      const parsed =
        stored && isFresh(key.kind, stored.storedAt) ? await parseValue(stored, schema) : undefined;
      if (stored && parsed) {
        counts.hits++;
        memory.set(id, { storedAt: stored.storedAt, value: parsed.value, kind: key.kind });
        // Checked by zod but not stamped for this shape (written by an older build): stamp it once,
        // keeping its age, so the next runs skip the check.
        if (parsed.stamp !== undefined) await writeEntry(file, key, { ...stored, checked: parsed.stamp });
        return { value: parsed.value, source: 'disk' };
      }
    }
    counts.misses++;
    const value = await load();
    const entry = { storedAt: now(), value };
    memory.set(id, { ...entry, kind: key.kind });
    if (file !== undefined)
      await writeEntry(file, key, { ...entry, checked: await checkedStamp(value, schema) });
    return { value, source: 'loaded' };
  }

  async function getOrLoad<T>(
    key: CacheKey,
    load: () => Promise<T>,
    options: GetOrLoadOptions<T> = {},
  ): Promise<{ value: T; source: CacheSource }> {
    if (o.enabled === false) {
      counts.misses++;
      return { value: await load(), source: 'loaded' };
    }
    const id = JSON.stringify([key.account, key.region, key.kind, key.id ?? null]);
    const cached = memory.get(id);
    if (cached && isFresh(key.kind, cached.storedAt)) {
      counts.hits++;
      return { value: cached.value as T, source: 'memory' };
    }
    let pending = inFlight.get(id);
    if (pending === undefined) {
      pending = resolve(id, key, load, options.schema as GetOrLoadOptions<unknown>['schema']).finally(() =>
        inFlight.delete(id),
      );
      inFlight.set(id, pending);
    }
    return (await pending) as { value: T; source: CacheSource };
  }

  async function clear(kind?: CacheKind): Promise<void> {
    if (o.enabled === false) return;
    const ids = [...memory.entries()]
      .filter(([, e]) => kind === undefined || e.kind === kind)
      .map(([id]) => id);
    for (const id of ids) memory.delete(id);
    if (o.dir !== undefined) await clearEntries(o.dir, kind);
  }

  return { getOrLoad, clear, stats: () => ({ ...counts }) };
}

async function parseValue(
  stored: StoredEntry,
  schema: GetOrLoadOptions<unknown>['schema'],
): Promise<{ value: unknown; stamp?: string } | undefined> {
  const { value } = stored;
  if (!schema) return { value };
  const stamp = valueStamp(value, schema);
  // Checked on write by this very shape and unchanged since: no need to load zod to check it again.
  if (stamp !== undefined && stored.checked === stamp) return { value };
  const zod = typeof schema === 'function' ? await schema() : schema;
  const result = zod.safeParse(value);
  return result.success ? { value: result.data, ...(stamp === undefined ? {} : { stamp }) } : undefined;
}

/** The stamp a freshly loaded value earns by passing its schema (the write path is cold anyway). */
async function checkedStamp(
  value: unknown,
  schema: GetOrLoadOptions<unknown>['schema'],
): Promise<string | undefined> {
  const stamp = schema ? valueStamp(value, schema) : undefined;
  if (!schema || stamp === undefined) return undefined;
  const zod = typeof schema === 'function' ? await schema() : schema;
  return zod.safeParse(value).success ? stamp : undefined;
}
