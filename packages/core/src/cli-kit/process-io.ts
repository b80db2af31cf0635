import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.ts';
import { UserError } from '../errors/user-error.ts';
import type { CliIo, InterruptSignalName, Interrupts, TtyWritable } from './io.ts';
import { pipeWritable } from './pipe-writable.ts';

/**
 * Wires a CLI to its real process (passed in: core never reaches for the global). A closed stdout pipe (`| head -1`)
 * ends the process quietly with 0. The AWS SDK's Node-version notice is not for our users.
 * `osHomedir` is `os.homedir`, called only where `HOME` does not answer (it is what libuv reads
 * first outside Windows, and loading node:os costs ~0.5 ms of every run).
 */
export function createProcessIo(proc: NodeJS.Process, osHomedir: () => string): CliIo {
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
  let home: string | undefined;
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
    get homedir() {
      home ??= proc.platform !== 'win32' && proc.env.HOME ? proc.env.HOME : osHomedir();
      return home;
    },
    cwd: proc.cwd(),
    now: () => new Date(),
  };
}

/** The exit code for each interrupting signal (128 + its number, as shells report it). */
export const SIGNAL_EXIT_CODES: Record<InterruptSignalName, ExitCodeValue> = {
  SIGINT: ExitCode.interrupted,
  SIGTERM: ExitCode.terminated,
  SIGHUP: ExitCode.hangup,
};

const SIGNALS = Object.keys(SIGNAL_EXIT_CODES) as InterruptSignalName[];

/**
 * The binary's one handler for SIGINT, SIGTERM and SIGHUP. The first signal aborts `signal` (the
 * command stops its calls in flight and cleans up; the top-level handler then exits with the
 * signal's code). With `exitAtOnce` (read-only commands: nothing to clean up) it exits there and
 * then. Otherwise a second signal exits at once, unless a `protect`ed section (a launch and its
 * rollback) is running: then it warns what an exit would leave behind, and only the next one exits.
 */
export function createInterrupts(
  proc: NodeJS.Process,
  stderr: () => TtyWritable,
  o: { exitAtOnce?: boolean } = {},
): Interrupts {
  // Made on first use: an offline command never reads the signal, and the first AbortController
  // loads ~0.5 ms of Node's internals.
  let controller: AbortController | undefined;
  const control = () => {
    controller ??= new AbortController();
    return controller;
  };
  const sections: (() => string[])[] = [];
  let first: InterruptSignalName | undefined;
  let warned = false;
  const say = (text: string) => {
    try {
      stderr().write(`${text}\n`);
    } catch {
      // SIGHUP: the terminal may be gone; exiting with the right code matters more.
    }
  };
  const leftovers = () => sections.flatMap((section) => section());
  const onSignal = (name: InterruptSignalName) => {
    if (!first) {
      first = name;
      control().abort(new UserError('INTERRUPTED', `Interrupted (${name}).`));
      if (o.exitAtOnce) proc.exit(SIGNAL_EXIT_CODES[name]);
      return;
    }
    if (sections.length > 0 && !warned) {
      warned = true;
      say(`rolling back, press Ctrl-C again to abandon (leaves: ${leftovers().join(', ') || 'nothing'})`);
      return;
    }
    if (sections.length > 0) {
      const left = leftovers();
      say(
        left.length > 0
          ? `Abandoned the rollback. Left behind: ${left.join(', ')}. \`spawn cleanup\` finds them by their spawn:launch-id tag.`
          : 'Abandoned the rollback; nothing was left behind.',
      );
    }
    proc.exit(SIGNAL_EXIT_CODES[first]);
  };
  for (const name of SIGNALS) proc.on(name, () => onSignal(name));
  return {
    get signal() {
      return control().signal;
    },
    received: () => first,
    protect: async (describe, fn) => {
      sections.push(describe);
      try {
        return await fn();
      } finally {
        sections.splice(sections.indexOf(describe), 1);
      }
    },
  };
}
