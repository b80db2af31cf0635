import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { stopOrHibernate } from './stop.ts';

/** `spawn hibernate <name>`: only for instances launched with hibernation (else INVALID_STATE). */
export async function run(ctx: CommandContext, name: string, opts: { wait?: boolean }): Promise<void> {
  await stopOrHibernate(ctx, name, opts, true);
}
