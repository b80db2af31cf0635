import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entryPath } from './_entry-path.ts';
import { createCache } from './create-cache.ts';
import { lazySchema } from './lazy-schema.ts';
import type { CacheKey } from './types.ts';

// A warm all-region search reads ~40 entries, each checked with zod when read back (issue 12);
// loading zod (~95 files) was half of that run's CPU. A value that passed its schema on write
// carries a stamp (hash of its JSON and of the schema's source), and a read with a matching stamp
// skips the check. zod's evaluations are counted through a pass-through mock.
const zod = vi.hoisted(() => ({ loads: 0 }));
vi.mock('zod', async (importOriginal) => {
  zod.loads++;
  return importOriginal();
});

const key: CacheKey = { account: 'a', region: 'us-east-1', kind: 'offerings', id: 'types:m7i.large' };
// A fresh lazy schema per use, as in a new process: one built earlier would hide a zod load.
const shape = (z: typeof import('zod').z) => z.record(z.string(), z.array(z.string()));
const offerings = () => lazySchema(shape);
const value = { 'm7i.large': ['us-east-1a', 'us-east-1b'] };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ts-stamp-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeThenRead() {
  const load = vi.fn(async () => value);
  await createCache({ dir }).getOrLoad(key, load, { schema: offerings() });
  vi.resetModules();
  zod.loads = 0;
  return { load, read: () => createCache({ dir }).getOrLoad(key, load, { schema: offerings() }) };
}

describe('a value checked on write', () => {
  it('is served from disk without loading zod', async () => {
    const { load, read } = await writeThenRead();
    expect(await read()).toEqual({ value, source: 'disk' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(zod.loads).toBe(0);
  });

  it('is checked again once edited, and dropped when it no longer fits', async () => {
    const { load, read } = await writeThenRead();
    const file = entryPath(dir, key);
    const entry = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...entry, value: { 'm7i.large': 'us-east-1a' } }));
    expect(await read()).toEqual({ value, source: 'loaded' });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('is checked again by a schema of another shape (a newer version reading an older entry)', async () => {
    await writeThenRead();
    const stricter = lazySchema((z) => z.record(z.string(), z.array(z.string()).min(3)));
    const load = vi.fn(async () => value);
    expect(await createCache({ dir }).getOrLoad(key, load, { schema: stricter })).toEqual({
      value,
      source: 'loaded',
    });
  });

  it('is stamped when read back valid without a stamp (an older build wrote it), keeping its age', async () => {
    await writeThenRead();
    const file = entryPath(dir, key);
    const { checked, ...unstamped } = JSON.parse(await readFile(file, 'utf8'));
    expect(checked).toEqual(expect.any(String));
    await writeFile(file, JSON.stringify(unstamped));
    const load = vi.fn(async () => value);
    expect(await createCache({ dir }).getOrLoad(key, load, { schema: offerings() })).toEqual({
      value,
      source: 'disk',
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ...unstamped, checked });
    expect(load).not.toHaveBeenCalled();
  });

  it('is not stamped when it fails its schema on write, so the next read checks it', async () => {
    const bad = { 'm7i.large': 'not a list' } as unknown as typeof value;
    await createCache({ dir }).getOrLoad(key, async () => bad, { schema: offerings() });
    const entry = JSON.parse(await readFile(entryPath(dir, key), 'utf8'));
    expect(entry.checked).toBeUndefined();
    const load = vi.fn(async () => value);
    expect(await createCache({ dir }).getOrLoad(key, load, { schema: offerings() })).toEqual({
      value,
      source: 'loaded',
    });
  });
});
