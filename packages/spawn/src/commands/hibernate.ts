import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { HibernateInput } from '../command-table.ts';
import { stopOrHibernate } from './stop.ts';

/** `spawn hibernate <name>`: only for instances launched with hibernation (else INVALID_STATE). */
export async function run(ctx: CommandContext, input: HibernateInput): Promise<void> {
  await stopOrHibernate(ctx, input, true);
}
