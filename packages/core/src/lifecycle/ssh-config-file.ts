import { randomUUID } from 'node:crypto';
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, posix, win32 } from 'node:path';
import {
  addSpawnInclude,
  hasSpawnInclude,
  removeHostEntry,
  type SshHostEntry,
  setHostName,
  unsafeEntryReason,
  upsertHostEntry,
} from './ssh-config-text.ts';

/** Where spawn's ssh files live: `~/.ssh` (on Windows `%USERPROFILE%\.ssh`, the same layout). */
export interface SshConfigPaths {
  sshDir: string;
  /** The user's `~/.ssh/config`. */
  config: string;
  /** Copy of the user's config made before spawn first changed it. */
  backup: string;
  /** spawn's own file, `~/.ssh/config.d/spawn`. */
  spawnFile: string;
}

export function sshConfigPaths(homedir: string, platform: NodeJS.Platform): SshConfigPaths {
  const path = platform === 'win32' ? win32 : posix;
  const sshDir = path.join(homedir, '.ssh');
  return {
    sshDir,
    config: path.join(sshDir, 'config'),
    backup: path.join(sshDir, 'config.spawn-backup'),
    spawnFile: path.join(sshDir, 'config.d', 'spawn'),
  };
}

export interface SshConfigLocation {
  homedir: string;
  platform: NodeJS.Platform;
}

/** What {@link writeSshHostEntry} did. */
export type SshConfigWrite =
  | {
      kind: 'written';
      spawnFile: string;
      /** The Include line was added to ~/.ssh/config by this call (`backup` made before, if new). */
      includeAdded: boolean;
      backup?: string;
      /** The user removed spawn's Include after spawn added it once: not added again. */
      includeRemovedByUser: boolean;
    }
  | { kind: 'refused'; reason: string };

/**
 * Adds (or replaces) the Host entry of one instance in `~/.ssh/config.d/spawn` and, the first time,
 * the `Include config.d/spawn` line at the top of `~/.ssh/config` after copying it to
 * `config.spawn-backup`. Each file is written whole and renamed into place (0600), under a lock
 * so two launches never lose each other's entry. An entry with an unsafe field is refused, not
 * written.
 */
export async function writeSshHostEntry(
  o: SshConfigLocation & { entry: SshHostEntry },
): Promise<SshConfigWrite> {
  const reason = unsafeEntryReason(o.entry);
  if (reason) return { kind: 'refused', reason };
  const p = sshConfigPaths(o.homedir, o.platform);
  await mkdir(dirname(p.spawnFile), { recursive: true, mode: 0o700 });
  return withLock(p, async () => {
    await writeAtomic(p.spawnFile, upsertHostEntry((await readText(p.spawnFile)) ?? '', o.entry));
    const config = await readText(p.config);
    if (config !== undefined && hasSpawnInclude(config))
      return written(p, { includeAdded: false, includeRemovedByUser: false });
    // The backup marks that spawn added the line once: a user who took it out keeps it out.
    const hadBackup = await exists(p.backup);
    if (hadBackup && config !== undefined)
      return written(p, { includeAdded: false, includeRemovedByUser: true });
    let backup: string | undefined;
    if (config !== undefined && !hadBackup) {
      await copyFile(p.config, p.backup);
      await chmod(p.backup, 0o600);
      backup = p.backup;
    }
    await writeAtomic(await resolveLink(p.config), addSpawnInclude(config ?? ''), await modeOf(p.config));
    return written(p, { includeAdded: true, includeRemovedByUser: false, backup });
  });
}

/** Removes the entry of `instanceId` from spawn's file; false when it had none (or no file). */
export async function removeSshHostEntry(o: SshConfigLocation & { instanceId: string }): Promise<boolean> {
  return editSpawnFile(o, (text) => removeHostEntry(text, o.instanceId));
}

/** Points the entry of `instanceId` at a new address (after a start); false when it has none. */
export async function refreshSshHostEntry(
  o: SshConfigLocation & { instanceId: string; hostName: string },
): Promise<boolean> {
  return editSpawnFile(o, (text) => setHostName(text, o.instanceId, o.hostName));
}

async function editSpawnFile(
  o: SshConfigLocation,
  edit: (text: string) => { text: string; changed: boolean },
): Promise<boolean> {
  const p = sshConfigPaths(o.homedir, o.platform);
  if ((await readText(p.spawnFile)) === undefined) return false;
  return withLock(p, async () => {
    const next = edit((await readText(p.spawnFile)) ?? '');
    if (next.changed) await writeAtomic(p.spawnFile, next.text);
    return next.changed;
  });
}

function written(
  p: SshConfigPaths,
  r: { includeAdded: boolean; includeRemovedByUser: boolean; backup?: string },
): SshConfigWrite {
  return { kind: 'written', spawnFile: p.spawnFile, ...r };
}

/** Written next to the target then renamed: a crash leaves the old file or the new one, never half. */
async function writeAtomic(path: string, text: string, mode = 0o600): Promise<void> {
  const tmp = `${path}.spawn-${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, text, { mode, flag: 'wx' });
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** A symlinked ~/.ssh/config (dotfile managers) is edited at its target, not replaced by a file. */
async function resolveLink(path: string): Promise<string> {
  const link = await lstat(path).catch(() => undefined);
  return link?.isSymbolicLink() ? realpath(path) : path;
}

async function modeOf(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  return s ? s.mode & 0o777 : 0o600;
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined;
}

const LOCK_STALE_MS = 10_000;

/** A directory as a lock (mkdir is atomic everywhere); one left by a crashed run goes stale after 10 s. */
async function withLock<T>(p: SshConfigPaths, fn: () => Promise<T>): Promise<T> {
  const lock = `${p.spawnFile}.lock`;
  for (let i = 0; ; i++) {
    const got = await mkdir(lock).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
        return false;
      },
    );
    if (got) break;
    const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
    if (age > LOCK_STALE_MS || i > 200) await rm(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
