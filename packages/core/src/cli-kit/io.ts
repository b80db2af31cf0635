import type { Readable, Writable } from 'node:stream';

/** A stream that may be a terminal. */
export type TtyWritable = Writable & { isTTY?: boolean; columns?: number };
export type TtyReadable = Readable & { isTTY?: boolean };

/**
 * Everything a CLI touches from its process, passed in so tests drive `main()` with
 * PassThrough streams instead of spying on globals.
 */
export interface CliIo {
  stdin: TtyReadable;
  stdout: TtyWritable;
  stderr: TtyWritable;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
  cwd: string;
  now: () => Date;
}
