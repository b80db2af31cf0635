import type { CommandContext } from '../command-context.ts';
import type { GreetInput } from './demo-table.ts';

export const seen: GreetInput[] = [];

export async function run(_ctx: CommandContext, input: GreetInput): Promise<void> {
  seen.push(input);
}
