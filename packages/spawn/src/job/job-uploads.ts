import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UserError } from '@truffle-spawn/core';

/** What `spawn run` copies over SSH before the job may start. */
export interface JobUploads {
  /** `--sync DIR`, absolute: its contents go to ~/work. */
  syncDir?: string;
  /** `--exclude PATTERN` (tar's --exclude globs). */
  excludes: string[];
  /** A local script given as the command: uploaded to ~/work/<name>, executable. */
  script?: { dir: string; name: string };
  /** `--env KEY`: the values from the local environment (never in user-data or tags). */
  env: { key: string; value: string }[];
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const FILE_NAME = /^[A-Za-z0-9._+-]{1,128}$/;

const kind = (path: string) => {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
};

/**
 * Checks the upload flags before anything is created and returns the uploads and the command as
 * the instance runs it. A command starting with `./` or `../` is a local script: uploaded (and
 * run as `./NAME`) when it exists here, else it must be inside `--sync DIR`.
 */
export function resolveUploads(
  o: { command: string[]; sync?: string; exclude: string[]; env: string[] },
  local: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): { uploads: JobUploads; command: string[] } {
  const uploads: JobUploads = { excludes: o.exclude, env: [] };
  if (o.sync !== undefined) {
    const dir = resolve(local.cwd, o.sync);
    if (kind(dir) !== 'dir') {
      throw new UserError('INVALID_INPUT', `--sync ${o.sync}: no such directory.`, {
        hint: 'Give a directory; its contents are copied to ~/work on the instance.',
      });
    }
    uploads.syncDir = dir;
  }
  if (o.exclude.length > 0 && o.sync === undefined)
    throw new UserError('USAGE', '--exclude filters --sync, but --sync was not given.');
  for (const key of o.env) {
    if (key.includes('=')) {
      throw new UserError('USAGE', `--env ${key.split('=')[0]}=...: give only the name.`, {
        hint: 'The value is read from your environment and sent over SSH, so it never lands in user-data or a tag: export KEY=... then --env KEY.',
      });
    }
    if (!ENV_KEY.test(key))
      throw new UserError('USAGE', `--env ${JSON.stringify(key)} is not a variable name.`);
    const value = local.env[key];
    if (value === undefined) {
      throw new UserError('USAGE', `--env ${key}: ${key} is not set in your environment.`, {
        hint: `export ${key}=... first.`,
      });
    }
    uploads.env.push({ key, value });
  }
  const [first = '', ...rest] = o.command;
  if (!first.startsWith('./') && !first.startsWith('../')) return { uploads, command: o.command };
  const localPath = resolve(local.cwd, first);
  if (kind(localPath) === 'file') {
    const name = basename(localPath);
    if (!FILE_NAME.test(name))
      throw new UserError('USAGE', `The script name ${JSON.stringify(name)} is not a plain file name.`);
    uploads.script = { dir: resolve(localPath, '..'), name };
    return { uploads, command: [`./${name}`, ...rest] };
  }
  if (uploads.syncDir && kind(resolve(uploads.syncDir, first)) === 'file')
    return { uploads, command: o.command };
  throw new UserError('USAGE', `The script ${first} does not exist.`, {
    hint: 'A command starting with ./ is a local script (uploaded), or a file inside --sync DIR.',
  });
}

/** True when the job must wait for an upload. */
export function hasUploads(u: JobUploads): boolean {
  return u.syncDir !== undefined || u.script !== undefined || u.env.length > 0;
}
