import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

// Placeholder until the command lands; never shipped as done.
export async function run(_ctx: CommandContext, ..._args: unknown[]): Promise<void> {
  throw new UserError('USAGE', 'truffle az is not implemented yet.');
}
