import { fstatSync, writeSync } from 'node:fs';
import type { TtyWritable } from './io.ts';

/** The file operations pipeWritable needs (tests pass their own). */
export interface PipeWritableFs {
  fstatSync: (
    fd: number,
    options: { bigint: true },
  ) => { isFIFO(): boolean; isSocket(): boolean; isFile(): boolean };
  writeSync: (fd: number, data: Uint8Array) => number;
}

/**
 * stdout or stderr for a pipe, socket or file, written with `write(2)` instead of through
 * `process.stdout`/`stderr`: creating one of those loads Node's net and stream modules (~8 ms, a
 * fifth of a piped `--help`), while writes to a pipe are synchronous on POSIX either way. Anything but
 * `write`/`isTTY` (events, `end`, `columns`...) goes to the real stream, and so do all writes
 * once the pipe would block (EAGAIN: Node's stream handles a non-blocking descriptor). Other
 * write errors go to `onError` (as the stream's 'error' event would), then throw. Returns undefined for a terminal, /dev/null or Windows: use the real stream there.
 */
export function pipeWritable(
  fd: number,
  platform: NodeJS.Platform,
  real: () => TtyWritable,
  onError: (error: NodeJS.ErrnoException) => void,
  fs: PipeWritableFs = { fstatSync, writeSync },
): TtyWritable | undefined {
  if (platform === 'win32') return undefined;
  try {
    // bigint on purpose: Node 20's realpathSync trusts the shared number-stat buffer, and a pipe
    // left there by the last fstat made the module loader skip resolving symlinks (pnpm's layout).
    const stat = fs.fstatSync(fd, { bigint: true });
    if (!stat.isFIFO() && !stat.isSocket() && !stat.isFile()) return undefined;
  } catch {
    return undefined;
  }
  let direct = true;
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const done = rest.find((r): r is (error?: Error | null) => void => typeof r === 'function');
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
    let data: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    while (direct && data.length > 0) {
      try {
        data = data.subarray(fs.writeSync(fd, data));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
          onError(error as NodeJS.ErrnoException);
          throw error;
        }
        direct = false;
      }
    }
    if (!direct && data.length > 0) return done ? real().write(data, done) : real().write(data);
    if (done) queueMicrotask(done);
    return true;
  };
  const own: Record<PropertyKey, unknown> = { write, isTTY: false };
  return new Proxy(own, {
    get: (target, key) => {
      if (key in target) return target[key];
      const stream = real();
      const value = Reflect.get(stream, key, stream) as unknown;
      return typeof value === 'function' ? value.bind(stream) : value;
    },
  }) as unknown as TtyWritable;
}
