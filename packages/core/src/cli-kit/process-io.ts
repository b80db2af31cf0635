import type { CliIo, TtyWritable } from './io.ts';
import { pipeWritable } from './pipe-writable.ts';

/**
 * Wires a CLI to its real process (passed in: core never reaches for the global). A closed stdout pipe (`| head -1`)
 * ends the process quietly with 0. The AWS SDK's Node-version notice is not for our users.
 */
export function createProcessIo(proc: NodeJS.Process, homedir: string): CliIo {
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') proc.exit(0);
    throw error;
  };
  let stdoutStream: TtyWritable | undefined;
  const realStdout = (): TtyWritable => {
    stdoutStream ??= proc.stdout.on('error', onError);
    return stdoutStream;
  };
  const rethrow = (error: Error) => {
    throw error;
  };
  let stderr: TtyWritable | undefined;
  const emitWarning = proc.emitWarning.bind(proc);
  proc.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const name = typeof warning === 'string' ? String(rest[0] ?? '') : warning.name;
    const text = typeof warning === 'string' ? warning : warning.message;
    if (name === 'NodeVersionSupportWarning' || text.includes('AWS SDK for JavaScript (v3)')) return;
    (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
  }) as typeof proc.emitWarning;
  return {
    // Getters: Node builds each stdio stream on first access (a tty or net handle, a few ms each),
    // and `--help` never reads stdin or writes stderr; a piped stdout skips its stream entirely.
    get stdin() {
      return proc.stdin;
    },
    stdout: pipeWritable(1, proc.platform, realStdout, onError) ?? realStdout(),
    get stderr() {
      stderr ??= pipeWritable(2, proc.platform, () => proc.stderr, rethrow) ?? proc.stderr;
      return stderr;
    },
    env: proc.env,
    platform: proc.platform,
    homedir: homedir,
    cwd: proc.cwd(),
    now: () => new Date(),
  };
}

/** Ctrl-C aborts the running command (which cleans up) and a second one exits at once. */
export function createInterruptSignal(proc: NodeJS.Process): AbortSignal {
  const controller = new AbortController();
  proc.once('SIGINT', () => {
    controller.abort(new Error('interrupted'));
    proc.once('SIGINT', () => proc.exit(130));
  });
  return controller.signal;
}
