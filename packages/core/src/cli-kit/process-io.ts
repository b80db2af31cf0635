import type { CliIo } from './io.ts';

/**
 * Wires a CLI to its real process (passed in: core never reaches for the global). A closed stdout pipe (`| head -1`)
 * ends the process quietly with 0. The AWS SDK's Node-version notice is not for our users.
 */
export function createProcessIo(proc: NodeJS.Process, homedir: string): CliIo {
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') proc.exit(0);
    throw error;
  });
  const emitWarning = proc.emitWarning.bind(proc);
  proc.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const name = typeof warning === 'string' ? String(rest[0] ?? '') : warning.name;
    const text = typeof warning === 'string' ? warning : warning.message;
    if (name === 'NodeVersionSupportWarning' || text.includes('AWS SDK for JavaScript (v3)')) return;
    (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
  }) as typeof proc.emitWarning;
  return {
    // Getters: Node builds each stdio stream on first access (a tty or net handle, a few ms each),
    // and `--help` never reads stdin or writes stderr.
    get stdin() {
      return proc.stdin;
    },
    stdout: proc.stdout,
    get stderr() {
      return proc.stderr;
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
