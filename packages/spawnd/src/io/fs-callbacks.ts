import * as fs from 'node:fs';
import { promisify } from 'node:util';

// The few file calls spawnd makes, as promises over node:fs's callback API (node:util is loaded by
// Node's own start-up, so promisify costs nothing). node:fs/promises loads about a dozen more
// built-in modules (readline, REPL history, file streams, watchers, rimraf): ~0.75 MB of resident
// memory in a daemon that reads a few files a minute (Node 24, measured with http, https and crypto
// loaded as spawnd has them).

const readFile = promisify(fs.readFile);
const readInto = promisify(fs.read);

export const readText = (path: string): Promise<string> => readFile(path, 'utf8');
export const readBytes = (path: string): Promise<Buffer> => readFile(path);
export const writeFile: (path: string, data: string) => Promise<void> = promisify(fs.writeFile);
export const rename: (from: string, to: string) => Promise<void> = promisify(fs.rename);
const mkdir = promisify(fs.mkdir);
export const mkdirp = async (path: string): Promise<void> => {
  await mkdir(path, { recursive: true });
};
const rm = promisify(fs.rm);
/** Removes a file; a missing one is no error. */
export const removeFile = (path: string): Promise<void> => rm(path, { force: true });
export const access: (path: string, mode?: number) => Promise<void> = promisify(fs.access);
const open = promisify(fs.open);
export const openRead = (path: string): Promise<number> => open(path, 'r');
export const close: (fd: number) => Promise<void> = promisify(fs.close);

export async function read(fd: number, into: Buffer, offset: number, length: number): Promise<number> {
  return (await readInto(fd, into, offset, length, null)).bytesRead;
}
