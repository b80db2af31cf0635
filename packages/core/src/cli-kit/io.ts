import type { Readable, Writable } from 'node:stream';

/** A stream that may be a terminal. */
export type TtyWritable = Writable & { isTTY?: boolean; columns?: number };
export type TtyReadable = Readable & { isTTY?: boolean };

/** The signals that interrupt a command (Ctrl-C, `kill`, a closed terminal). */
export type InterruptSignalName = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** The binary's one signal handler, as commands see it. */
export interface Interrupts {
  /** Aborted by the first SIGINT, SIGTERM or SIGHUP. */
  readonly signal: AbortSignal;
  /** The first signal received, if any (its exit code replaces a generic failure's). */
  received(): InterruptSignalName | undefined;
  /**
   * Runs `fn` (work that must clean up after itself, such as a launch and its rollback) so that
   * a second signal does not end the process: it prints "rolling back, press Ctrl-C again to
   * abandon (leaves: ...)" naming `leftovers()`, and only the next one exits, listing them.
   */
  protect<T>(leftovers: () => string[], fn: () => Promise<T>): Promise<T>;
}

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
  /** The process's signal handler; absent in-process (tests pass an AbortSignal instead). */
  interrupts?: Interrupts;
}
