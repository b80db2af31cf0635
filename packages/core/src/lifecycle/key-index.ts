import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, posix, win32 } from 'node:path';
import { defaultCacheDir } from '../cache/default-cache-dir.ts';

/** One key a launch used: its EC2 key pair name, the public key's fingerprint, the private key file. */
export interface KeyIndexEntry {
  keyPairName: string;
  /** `SHA256:...` of the public key, as ssh-keygen -l prints it. */
  fingerprint: string;
  privatePath: string;
}

export interface KeyIndexLocation {
  homedir: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}

/**
 * The local index (`<cache dir>/ssh-keys.json`, 0600) from key pair name to the private key a
 * launch used. A convenience only: the instance's tags stay the truth, and a lost or unreadable
 * index only means `spawn connect --key PATH`.
 */
export function keyIndexPath(o: KeyIndexLocation): string {
  const path = o.platform === 'win32' ? win32 : posix;
  return path.join(defaultCacheDir(o), 'ssh-keys.json');
}

/** Every entry, keyed by key pair name; a missing or corrupt file reads as empty. */
export async function readKeyIndex(o: KeyIndexLocation): Promise<Record<string, KeyIndexEntry>> {
  const text = await readFile(keyIndexPath(o), 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as { v?: unknown; keys?: unknown };
    if (parsed.v !== 1 || typeof parsed.keys !== 'object' || parsed.keys === null) return {};
    return Object.fromEntries(
      Object.entries(parsed.keys as Record<string, unknown>).filter(
        (e): e is [string, KeyIndexEntry] => isEntry(e[1]) && e[1].keyPairName === e[0],
      ),
    );
  } catch {
    return {};
  }
}

/** The entry for `keyPairName`; with `fingerprint`, only an entry for that same public key. */
export async function lookupKey(
  o: KeyIndexLocation,
  keyPairName: string,
  fingerprint?: string,
): Promise<KeyIndexEntry | undefined> {
  const entry = (await readKeyIndex(o))[keyPairName];
  if (!entry || (fingerprint !== undefined && entry.fingerprint !== fingerprint)) return undefined;
  return entry;
}

/** Records (or replaces) the key of `entry.keyPairName`; written whole and renamed, mode 0600. */
export async function recordKey(o: KeyIndexLocation, entry: KeyIndexEntry): Promise<void> {
  const file = keyIndexPath(o);
  const keys = { ...(await readKeyIndex(o)), [entry.keyPairName]: entry };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify({ v: 1, keys }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

function isEntry(v: unknown): v is KeyIndexEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.keyPairName === 'string' &&
    typeof e.fingerprint === 'string' &&
    typeof e.privatePath === 'string'
  );
}
