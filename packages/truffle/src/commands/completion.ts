import type { CommandContext, CommandSpec } from '@truffle-spawn/core/cli-kit';
import { completionFor } from '@truffle-spawn/core/completion';
import { type CompletionInput, truffleCommands, truffleGlobals } from '../command-table.ts';

/** `truffle completion SHELL`: the completion script, generated from the command table and the catalog. */
export async function run(ctx: CommandContext, input: CompletionInput): Promise<void> {
  const script = await completionFor({
    cli: 'truffle',
    commands: truffleCommands as readonly CommandSpec[],
    globals: truffleGlobals,
    shell: input.shell,
  });
  ctx.io.stdout.write(script);
}
