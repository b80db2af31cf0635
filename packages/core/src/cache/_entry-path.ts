import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CacheKind } from './cache-kind.ts';
import type { CacheKey } from './types.ts';

/** Bumped when the entry format changes, so old files are simply never looked at again. */
export const LAYOUT_DIR = 'v1';

/** `<dir>/v1/<account>/<region>/<kind>/<sha256(id)>.json`, or `default.json` without an id. */
export function entryPath(dir: string, key: CacheKey): string {
  const file = key.id === undefined ? 'default.json' : `${hash(key.id)}.json`;
  return join(dir, LAYOUT_DIR, segment(key.account), segment(key.region), key.kind, file);
}

export function kindDir(dir: string, account: string, region: string, kind: CacheKind): string {
  return join(dir, LAYOUT_DIR, account, region, kind);
}

// Account and region come from AWS or config, but a bad value must never escape the directory.
function segment(value: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/.test(value) ? value : `x-${hash(value).slice(0, 16)}`;
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}
