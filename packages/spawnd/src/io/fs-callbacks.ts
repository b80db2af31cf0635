import * as fs from 'node:fs';

// The few file calls spawnd makes, as promises over node:fs's callback API. node:fs/promises loads
// about a dozen more built-in modules (readline, REPL history, file streams, watchers, rimraf):
// ~0.75 MB of resident memory in a daemon that reads a few files a minute (Node 24, measured with
// http, https and crypto loaded as spawnd has them).

type Done<T> = (error: NodeJS.ErrnoException | null, value: T) => void;

function call<T>(run: (done: Done<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}

export function readText(path: string): Promise<string> {
  return call((done) => fs.readFile(path, 'utf8', done));
}

export function readBytes(path: string): Promise<Buffer> {
  return call((done) => fs.readFile(path, done));
}

export function writeFile(path: string, data: string): Promise<void> {
  return call<void>((done) => fs.writeFile(path, data, (e) => done(e, undefined)));
}

export function rename(from: string, to: string): Promise<void> {
  return call<void>((done) => fs.rename(from, to, (e) => done(e, undefined)));
}

export function mkdirp(path: string): Promise<void> {
  return call<void>((done) => fs.mkdir(path, { recursive: true }, (e) => done(e, undefined)));
}

/** Removes a file; a missing one is no error. */
export function removeFile(path: string): Promise<void> {
  return call<void>((done) => fs.rm(path, { force: true }, (e) => done(e, undefined)));
}

export function access(path: string, mode?: number): Promise<void> {
  return call<void>((done) => fs.access(path, mode, (e) => done(e, undefined)));
}

export function openRead(path: string): Promise<number> {
  return call((done) => fs.open(path, 'r', done));
}

export function read(fd: number, into: Buffer, offset: number, length: number): Promise<number> {
  return call((done) => fs.read(fd, into, offset, length, null, done));
}

export function close(fd: number): Promise<void> {
  return call<void>((done) => fs.close(fd, (e) => done(e, undefined)));
}
