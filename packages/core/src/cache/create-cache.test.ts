import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { entryPath } from './_entry-path.ts';
import { CACHE_TTL_MS, type CacheKind } from './cache-kind.ts';
import { createCache } from './create-cache.ts';
import type { CacheKey } from './types.ts';

const key: CacheKey = {
  account: '123456789012',
  region: 'us-east-1',
  kind: 'spotPrices',
  id: 'm7i.large,c7g.xlarge',
};
let dir: string;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ts-cache-'));
  clock = Date.UTC(2025, 0, 1);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('createCache TTL', () => {
  it.each(Object.entries(CACHE_TTL_MS) as [CacheKind, number][])(
    'expires %s after %d ms',
    async (kind, ttl) => {
      const k = { ...key, kind };
      const load = vi.fn(async () => `v${load.mock.calls.length}`);
      const cache = createCache({ dir, now });
      expect(await cache.getOrLoad(k, load)).toEqual({ value: 'v1', source: 'loaded' });
      clock += ttl - 1;
      expect(await cache.getOrLoad(k, load)).toEqual({ value: 'v1', source: 'memory' });
      expect(await createCache({ dir, now }).getOrLoad(k, load)).toEqual({ value: 'v1', source: 'disk' });
      clock += 1;
      expect(await cache.getOrLoad(k, load)).toEqual({ value: 'v2', source: 'loaded' });
      expect(await createCache({ dir, now }).getOrLoad(k, load)).toEqual({ value: 'v2', source: 'disk' });
    },
  );

  it('honours per-kind overrides and treats entries from the future as stale', async () => {
    const cache = createCache({ now, ttlMs: { spotPrices: 1000 } });
    const load = vi.fn(async () => 1);
    await cache.getOrLoad(key, load);
    clock += 1000;
    expect((await cache.getOrLoad(key, load)).source).toBe('loaded');
    clock -= 5000;
    expect((await cache.getOrLoad(key, load)).source).toBe('loaded');
  });
});

describe('createCache memory and disk', () => {
  it('serves memory first, then disk in a new process, and counts hits and misses', async () => {
    const value = { prices: [{ az: 'us-east-1a', usd: 0.0312 }] };
    const first = createCache({ dir, now });
    expect((await first.getOrLoad(key, async () => value)).source).toBe('loaded');
    expect(await first.getOrLoad(key, async () => 'unused')).toEqual({ value, source: 'memory' });
    expect(first.stats()).toEqual({ hits: 1, misses: 1 });

    const second = createCache({ dir, now });
    expect(await second.getOrLoad(key, async () => 'unused')).toEqual({ value, source: 'disk' });
    expect((await second.getOrLoad(key, async () => 'unused')).source).toBe('memory');
    expect(second.stats()).toEqual({ hits: 2, misses: 0 });
  });

  it('keeps keys apart by account, region, kind and id', async () => {
    const cache = createCache({ dir, now });
    const variants: CacheKey[] = [
      key,
      { ...key, account: '210987654321' },
      { ...key, region: 'eu-west-1' },
      { ...key, kind: 'quotas' },
      { ...key, id: 'other' },
      { ...key, id: undefined },
    ];
    for (const [i, k] of variants.entries()) await cache.getOrLoad(k, async () => i);
    for (const [i, k] of variants.entries()) {
      expect(await createCache({ dir, now }).getOrLoad(k, async () => -1)).toEqual({
        value: i,
        source: 'disk',
      });
    }
    expect(await listFiles(dir)).toHaveLength(variants.length);
  });

  it('keeps hostile account and region names inside the cache directory', async () => {
    const hostile = { ...key, account: '../../escape', region: '..' };
    await createCache({ dir, now }).getOrLoad(hostile, async () => 1);
    const file = entryPath(dir, hostile);
    expect(relative(dir, file).startsWith('..')).toBe(false);
    expect(await listFiles(dir)).toEqual([relative(dir, file)]);
  });

  it('works in memory only without a dir', async () => {
    const cache = createCache({ now });
    await cache.getOrLoad(key, async () => 1);
    expect((await cache.getOrLoad(key, async () => 2)).source).toBe('memory');
  });
});

describe('createCache corrupt files', () => {
  const file = () => entryPath(dir, key);
  const stored = (storedAt: number) => ({ format: 'truffle-spawn-cache', key, storedAt, value: 'old' });

  it.each([
    ['garbage bytes', Buffer.from([0x00, 0xff, 0x13, 0x37])],
    ['truncated JSON', JSON.stringify(stored(Date.UTC(2025, 0, 1))).slice(0, 40)],
    ['an empty file', ''],
    ['a foreign JSON file', '{"hello":"world"}'],
    ['JSON null', 'null'],
    ['an entry without storedAt', JSON.stringify({ ...stored(0), storedAt: 'yesterday' })],
    [
      'an entry for another key',
      JSON.stringify({ ...stored(Date.UTC(2025, 0, 1)), key: { ...key, id: 'x' } }),
    ],
  ])('treats %s as a miss and overwrites it', async (_name, content) => {
    await mkdir(join(file(), '..'), { recursive: true });
    await writeFile(file(), content);
    expect(await createCache({ dir, now }).getOrLoad(key, async () => 'new')).toEqual({
      value: 'new',
      source: 'loaded',
    });
    expect(await createCache({ dir, now }).getOrLoad(key, async () => 'unused')).toEqual({
      value: 'new',
      source: 'disk',
    });
  });
});

describe('createCache values checked by a schema', () => {
  const prices = z.array(z.object({ az: z.string(), usd: z.number().nonnegative() }));
  const good = [{ az: 'us-east-1a', usd: 0.0312 }];
  const envelope = (value: unknown) =>
    JSON.stringify({ format: 'truffle-spawn-cache', key, storedAt: clock, value });

  it.each([
    ['a string instead of a list', 'oops'],
    ['null', null],
    ['a wrong field type', [{ az: 'us-east-1a', usd: '0.03' }]],
    ['a missing field', [{ az: 'us-east-1a' }]],
    ['a negative price', [{ az: 'us-east-1a', usd: -1 }]],
    ['an object instead of a list', { az: 'us-east-1a', usd: 0.03 }],
  ])('drops %s in a valid envelope, loads again and overwrites it', async (_name, value) => {
    await mkdir(join(entryPath(dir, key), '..'), { recursive: true });
    await writeFile(entryPath(dir, key), envelope(value));
    const load = vi.fn(async () => good);
    expect(await createCache({ dir, now }).getOrLoad(key, load, { schema: prices })).toEqual({
      value: good,
      source: 'loaded',
    });
    expect(load).toHaveBeenCalledOnce();
    const rewritten = JSON.parse(await readFile(entryPath(dir, key), 'utf8')) as { value: unknown };
    expect(rewritten.value).toEqual(good);
  });

  it('serves a valid value from disk; without a schema the raw value is returned as before', async () => {
    await mkdir(join(entryPath(dir, key), '..'), { recursive: true });
    await writeFile(entryPath(dir, key), envelope(good));
    expect(await createCache({ dir, now }).getOrLoad(key, async () => [], { schema: prices })).toEqual({
      value: good,
      source: 'disk',
    });
    await writeFile(entryPath(dir, key), envelope('oops'));
    expect(await createCache({ dir, now }).getOrLoad(key, async () => 'x')).toEqual({
      value: 'oops',
      source: 'disk',
    });
  });
});

describe('createCache writes', () => {
  it('writes atomically and leaves no temp files, also under concurrent writers', async () => {
    const writers = Array.from({ length: 8 }, (_, i) =>
      createCache({ dir, now }).getOrLoad(key, async () => i),
    );
    await Promise.all(writers);
    expect(await listFiles(dir)).toEqual([relative(dir, entryPath(dir, key))]);
    const entry = JSON.parse(await readFile(entryPath(dir, key), 'utf8')) as { value: number };
    expect(entry.value).toBeGreaterThanOrEqual(0);
  });

  it('returns the loaded value and cleans up when the disk write fails', async () => {
    // A directory where the entry file should be makes the final rename fail.
    await mkdir(entryPath(dir, key), { recursive: true });
    const cache = createCache({ dir, now });
    expect(await cache.getOrLoad(key, async () => 'fresh')).toEqual({ value: 'fresh', source: 'loaded' });
    expect(await listFiles(dir)).toEqual([]);
  });
});

describe('createCache --no-cache and --refresh', () => {
  it('enabled:false never reads nor writes memory or disk', async () => {
    await createCache({ dir, now }).getOrLoad(key, async () => 'on disk');
    const before = await readFile(entryPath(dir, key), 'utf8');
    const cache = createCache({ dir, now, enabled: false });
    const load = vi.fn(async () => 'live');
    expect(await cache.getOrLoad(key, load)).toEqual({ value: 'live', source: 'loaded' });
    expect(await cache.getOrLoad(key, load)).toEqual({ value: 'live', source: 'loaded' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(await readFile(entryPath(dir, key), 'utf8')).toBe(before);

    const fresh = join(dir, 'never-created');
    await createCache({ dir: fresh, now, enabled: false }).getOrLoad(key, load);
    await expect(readdir(fresh)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refresh:true ignores the disk entry but stores the fresh value', async () => {
    await createCache({ dir, now }).getOrLoad(key, async () => 'stale');
    const cache = createCache({ dir, now, refresh: true });
    expect(await cache.getOrLoad(key, async () => 'fresh')).toEqual({ value: 'fresh', source: 'loaded' });
    // Within the same run the value just loaded is reused rather than fetched again.
    expect(await cache.getOrLoad(key, async () => 'again')).toEqual({ value: 'fresh', source: 'memory' });
    expect(await createCache({ dir, now }).getOrLoad(key, async () => 'unused')).toEqual({
      value: 'fresh',
      source: 'disk',
    });
  });
});

describe('createCache in-flight dedupe and clear', () => {
  it('shares one load between concurrent callers of the same key', async () => {
    const cache = createCache({ dir, now });
    let release: (v: string) => void = () => undefined;
    const load = vi.fn(() => new Promise<string>((r) => (release = r)));
    const a = cache.getOrLoad(key, load);
    const b = cache.getOrLoad(key, load);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    release('shared');
    expect((await a).value).toBe('shared');
    expect((await b).value).toBe('shared');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shares a failed load, caches nothing and loads again next time', async () => {
    const cache = createCache({ dir, now });
    const failing = vi.fn(async () => {
      throw new Error('throttled');
    });
    const results = await Promise.allSettled([cache.getOrLoad(key, failing), cache.getOrLoad(key, failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await cache.getOrLoad(key, async () => 'ok')).toEqual({ value: 'ok', source: 'loaded' });
  });

  it('clear(kind) drops only that kind from memory and disk; clear() drops everything', async () => {
    const quotas: CacheKey = { ...key, kind: 'quotas', region: 'eu-west-1' };
    const cache = createCache({ dir, now });
    await cache.getOrLoad(key, async () => 'spot');
    await cache.getOrLoad(quotas, async () => 'quota');
    await cache.clear('spotPrices');
    expect((await cache.getOrLoad(key, async () => 'spot2')).source).toBe('loaded');
    expect((await cache.getOrLoad(quotas, async () => 'x')).source).toBe('memory');
    expect((await createCache({ dir, now }).getOrLoad(quotas, async () => 'x')).source).toBe('disk');
    await cache.clear();
    expect(await listFiles(dir)).toEqual([]);
    expect((await cache.getOrLoad(quotas, async () => 'quota2')).source).toBe('loaded');
  });
});
