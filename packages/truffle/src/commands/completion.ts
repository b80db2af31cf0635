import type { CommandContext, CommandSpec } from '@truffle-spawn/core/cli-kit';
import {
  catalogCompletionWords,
  completionModel,
  completionScript,
  completionShell,
} from '@truffle-spawn/core/completion';
import { type CompletionInput, truffleCommands, truffleGlobals } from '../command-table.ts';

/** `truffle completion SHELL`: the completion script, generated from the command table and the catalog. */
export async function run(ctx: CommandContext, input: CompletionInput): Promise<void> {
  const shell = await completionShell(input.shell);
  const model = completionModel({
    cli: 'truffle',
    commands: truffleCommands as readonly CommandSpec[],
    globals: truffleGlobals,
    ...(await catalogCompletionWords()),
  });
  ctx.io.stdout.write(completionScript(shell, model));
}
