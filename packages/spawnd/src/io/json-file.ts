import { dirname } from 'node:path';
import { mkdirp, readText, rename, writeFile } from './fs-callbacks.ts';

/** Reads a JSON file; `undefined` when missing or corrupt (a torn write must not stop the daemon). */
export async function readJsonFile<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readText(path)) as T;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file + rename) so a kill -9 never leaves half a file. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdirp(dirname(path));
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value)}\n`);
  await rename(tmp, path);
}
