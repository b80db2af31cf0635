import type { ExitCodeValue } from '@truffle-spawn/core';
import { type CliIo, commanderOutput, registerCommands, runMain } from '@truffle-spawn/core/cli-kit';
import { Command } from 'commander';
import { spawndCommands, spawndGlobals } from './command-table.ts';
import { createSpawndContext } from './context.ts';
import { SPAWND_VERSION } from './version.ts';

/** spawnd's commander program, registered from the command table; a handler loads when its command runs. */
export function buildProgram(io: CliIo, signal: AbortSignal): Command {
  const program = new Command('spawnd')
    .description('Ends this instance at its TTL or when idle (stop, hibernate or terminate).')
    .version(SPAWND_VERSION, '-v, --version')
    // Commander has already explained a parse error on stderr; only the exit code is ours to set.
    .exitOverride()
    .configureOutput(commanderOutput(io));
  registerCommands(program, spawndCommands, {
    globals: spawndGlobals,
    run: async (command, input) => {
      const handler = await command.load();
      await handler.run(createSpawndContext(io, signal), input);
    },
  });
  return program;
}

/** The process's I/O for spawnd (no terminal prompts, no interrupts: the daemon owns its signals). */
export function spawndIo(): CliIo {
  return {
    // A getter: reading process.stdin builds its stream, and on /dev/null (systemd's default
    // stdin) that is a file stream, which loads node:fs/promises, readline and the REPL history
    // modules (~0.75 MB resident) in a daemon that never reads its input.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    platform: process.platform,
    homedir: '',
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/**
 * Runs one spawnd invocation (`argv` as in `process.argv`) and returns its exit code. Every error
 * goes through core's runMain/reportError, the same path as spawn and truffle.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const program = buildProgram(io, new AbortController().signal);
  return runMain(io, () => program.parseAsync([...argv]));
}

/** The spawnd binary. */
export async function run(argv: readonly string[] = process.argv, io: CliIo = spawndIo()): Promise<void> {
  // The one place spawnd sets its exit code.
  process.exitCode = await main(argv, io);
}
