import type { CommandContext, CommandSpec } from '@truffle-spawn/core/cli-kit';
import { completionFor } from '@truffle-spawn/core/completion';
import { type CompletionInput, spawnCommands, spawnGlobals } from '../command-table.ts';

/** `spawn completion SHELL`: the completion script, generated from the command table and the catalog. */
export async function run(ctx: CommandContext, input: CompletionInput): Promise<void> {
  const script = await completionFor({
    cli: 'spawn',
    commands: spawnCommands as readonly CommandSpec[],
    globals: spawnGlobals,
    shell: input.shell,
  });
  ctx.io.stdout.write(script);
}
