import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobFiles } from '@truffle-spawn/core/agent';

const read = (path: string) =>
  readFile(path, 'utf8').then(
    (text) => text.slice(0, 64),
    () => undefined,
  );

/** The job runner's files (see core's job-unit.ts); each missing one is undefined, never an error. */
export async function readJobFiles(dir: string): Promise<JobFiles> {
  const [startedAt, endedAt, exit] = await Promise.all(
    ['started-at', 'ended-at', 'exit'].map((name) => read(join(dir, name))),
  );
  const files: JobFiles = {};
  if (startedAt !== undefined) files.startedAt = startedAt.trim();
  if (endedAt !== undefined) files.endedAt = endedAt.trim();
  if (exit !== undefined) files.exit = exit;
  return files;
}
