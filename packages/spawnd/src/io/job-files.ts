import { join } from 'node:path';
import type { JobFiles } from '@truffle-spawn/core/agent';
import { readText, rename, writeFile } from './fs-callbacks.ts';

const read = (path: string) =>
  readText(path).then(
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

/**
 * Records a lost job as the runner records an ended one (ended-at, then exit, each renamed into
 * place), so it stays failed across restarts and the runner never runs it again.
 */
export async function writeJobLost(dir: string, at: number, exitCode: number): Promise<void> {
  const put = async (name: string, text: string) => {
    await writeFile(join(dir, `${name}.spawnd`), text);
    await rename(join(dir, `${name}.spawnd`), join(dir, name));
  };
  await put('ended-at', `${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')}\n`);
  await put('exit', `${exitCode}\n`);
}
