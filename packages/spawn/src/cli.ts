import {
  type CliIo,
  type CommandContext,
  commanderOutput,
  createCommandContext,
  type Example,
  examplesText,
  type GlobalOptions,
  globalsOf,
  mergeRegionFlags,
  parseCommandLine,
  registerCommands,
} from '@truffle-spawn/core/cli-kit';
import { Command } from 'commander';
import { spawnCommands, spawnGlobals } from './command-table.ts';
import { VERSION } from './version.ts';

/** `spawn --help`'s examples: the three ways to launch, then the daily command. */
export const SPAWN_EXAMPLES: readonly Example[] = [
  { command: '', description: 'the wizard (on a terminal)' },
  { command: '--instance-type t3.medium --ttl 8h', description: 'flags mode' },
  { command: 'list', description: 'what is running, in every region' },
];

/** spawn's commander program, registered from the command table; a handler loads when its command runs. */
export function buildProgram(
  io: CliIo,
  signal: AbortSignal | (() => AbortSignal),
  argv?: readonly string[],
): Command {
  const program = new Command('spawn')
    .description('Launch an AWS instance effortlessly: wizard, `truffle ... | spawn`, or flags.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .showSuggestionAfterError()
    .addHelpText('after', examplesText({ examples: SPAWN_EXAMPLES }, 'spawn'));
  let last: CommandContext | undefined;
  // After a successful command: `--output json` with nothing found still prints `[]`.
  program.hook('postAction', () => last?.output.end());
  registerCommands(program, spawnCommands, {
    argv,
    globals: spawnGlobals,
    run: async (command, input) => {
      const handler = await command.load();
      last = createCommandContext(
        io,
        mergeRegionFlags(globalsOf(spawnGlobals, input) as GlobalOptions & { regions?: string }),
        signal,
      );
      await handler.run(last, input);
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
  return parseCommandLine(buildProgram(io, signal, argv), argv, spawnCommands, spawnGlobals);
}
