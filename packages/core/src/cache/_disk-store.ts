import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { kindDir, LAYOUT_DIR } from './_entry-path.ts';
import type { CacheKind } from './cache-kind.ts';
import type { CacheKey } from './types.ts';

const FORMAT = 'truffle-spawn-cache';

export interface StoredEntry {
  storedAt: number;
  value: unknown;
  /** The value's stamp when it passed its schema on write (see _value-stamp.ts). */
  checked?: string;
}

/**
 * Reads an entry written for exactly this key. Anything else (missing, unreadable, corrupt,
 * truncated, another key's or another program's file) is a miss: the next write replaces it.
 */
export async function readEntry(file: string, key: CacheKey): Promise<StoredEntry | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const e = data as Record<string, unknown>;
  const k = e.key as Partial<CacheKey> | undefined;
  const sameKey =
    k?.account === key.account && k.region === key.region && k.kind === key.kind && k.id === key.id;
  if (e.format !== FORMAT || !sameKey || typeof e.storedAt !== 'number' || !('value' in e)) return undefined;
  return {
    storedAt: e.storedAt,
    value: e.value,
    ...(typeof e.checked === 'string' ? { checked: e.checked } : {}),
  };
}

/**
 * Writes via a temp file in the same directory and a rename, so readers (also other processes)
 * see the old entry or the new one, never half of one. Failures are swallowed: the cache is only
 * an optimisation and a read-only or full disk must not fail the command.
 */
export async function writeEntry(file: string, key: CacheKey, entry: StoredEntry): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    const body = JSON.stringify({
      format: FORMAT,
      key: { ...key },
      storedAt: entry.storedAt,
      value: entry.value,
      ...(entry.checked ? { checked: entry.checked } : {}),
    });
    await writeFile(tmp, body, { flag: 'wx', mode: 0o600 });
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** Removes every entry, or those of one kind across all accounts and regions. */
export async function clearEntries(dir: string, kind?: CacheKind): Promise<void> {
  if (kind === undefined) {
    await rm(join(dir, LAYOUT_DIR), { recursive: true, force: true });
    return;
  }
  for (const account of await subdirs(join(dir, LAYOUT_DIR))) {
    for (const region of await subdirs(join(dir, LAYOUT_DIR, account))) {
      await rm(kindDir(dir, account, region, kind), { recursive: true, force: true });
    }
  }
}

async function subdirs(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}
