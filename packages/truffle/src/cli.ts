import {
  type CliIo,
  type CommandContext,
  type CommandSpec,
  commanderOutput,
  createCommandContext,
  type Example,
  examplesText,
  type GlobalOptions,
  globalsOf,
  mergeRegionFlags,
  parseCommandLine,
  registerCommands,
  silentProgress,
} from '@truffle-spawn/core/cli-kit';
import { Command } from 'commander';
import { truffleCommands, truffleGlobals } from './command-table.ts';
import { VERSION } from './version.ts';

/** `truffle --help`'s examples: one per kind of question. */
export const TRUFFLE_EXAMPLES: readonly Example[] = [
  { command: "search 'cheapest gpu 24gb'", description: 'find a type in words' },
  { command: 'spot g6e.xlarge --region all', description: 'spot prices everywhere' },
  { command: 'search m7i.large | spawn --ttl 2h', description: 'launch what you found' },
];

/** truffle's program: the command table registered on commander; each command loads its handler on demand. */
export function buildProgram(
  io: CliIo,
  signal: AbortSignal | (() => AbortSignal),
  argv?: readonly string[],
): Command {
  const program = new Command('truffle')
    .description('Find the right AWS instance: search types, spot prices, capacity, AZs, quotas and regions.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .showSuggestionAfterError()
    .addHelpText('after', examplesText({ examples: TRUFFLE_EXAMPLES }, 'truffle'));
  let last: CommandContext | undefined;
  // After a successful command: `--output json` with nothing found still prints `[]`.
  program.hook('postAction', () => last?.output.end());
  registerCommands(program, truffleCommands as readonly CommandSpec[], {
    argv,
    globals: truffleGlobals,
    run: async (spec, input) => {
      // Its own file, loaded on a terminal only: main.cjs stays free of import() (which would keep
      // it out of the Node 20 compile cache) and of ora.
      const progress = io.stderr.isTTY
        ? (await import('./progress/terminal-progress.ts')).terminalProgress(io)
        : silentProgress;
      last = createCommandContext(
        io,
        mergeRegionFlags(globalsOf(truffleGlobals, input) as GlobalOptions & { regions?: string }),
        signal,
        { progress },
      );
      try {
        const { run } = await spec.load();
        await run(last, input);
      } finally {
        progress.stop();
      }
    },
  });
  return program;
}

/** Parses `argv` (global options also before the command; an unknown command suggests the nearest). */
export function parseArgv(
  io: CliIo,
  signal: AbortSignal | (() => AbortSignal),
  argv: readonly string[],
): Promise<unknown> {
  return parseCommandLine(
    buildProgram(io, signal, argv),
    argv,
    truffleCommands as readonly CommandSpec[],
    truffleGlobals,
  );
}
