import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

// Placeholder until the command lands; never shipped as done.
export async function run(_ctx: CommandContext, _opts: Record<string, unknown>): Promise<void> {
  throw new UserError('USAGE', 'spawn launch is not implemented yet.');
}
