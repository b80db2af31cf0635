import type { CommandContext, CommandSpec } from '@truffle-spawn/core/cli-kit';
import {
  catalogCompletionWords,
  completionModel,
  completionScript,
  completionShell,
} from '@truffle-spawn/core/completion';
import { type CompletionInput, spawnCommands, spawnGlobals } from '../command-table.ts';

/** `spawn completion SHELL`: the completion script, generated from the command table and the catalog. */
export async function run(ctx: CommandContext, input: CompletionInput): Promise<void> {
  const shell = await completionShell(input.shell);
  const model = completionModel({
    cli: 'spawn',
    commands: spawnCommands as readonly CommandSpec[],
    globals: spawnGlobals,
    ...(await catalogCompletionWords()),
  });
  ctx.io.stdout.write(completionScript(shell, model));
}
