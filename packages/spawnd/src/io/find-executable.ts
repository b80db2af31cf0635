import { constants } from 'node:fs';
import { join } from 'node:path';
import { access } from './fs-callbacks.ts';

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/**
 * Where `file` would be run from, as execvp finds it: itself when it names a path, else the first
 * executable `dir/file` on `pathEnv`; `undefined` when there is none. Lets spawnd skip a fork and
 * exec (and loading node:child_process) for a tool the instance does not have.
 */
export async function findExecutable(file: string, pathEnv: string): Promise<string | undefined> {
  if (file.includes('/')) return (await isExecutable(file)) ? file : undefined;
  for (const dir of pathEnv.split(':')) {
    const candidate = join(dir || '.', file);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}
