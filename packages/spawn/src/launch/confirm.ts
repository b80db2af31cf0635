import { UserError } from '@truffle-spawn/core';
import { type CommandContext, isPromptCancelled } from '@truffle-spawn/core/cli-kit';

/** Asks "Launch?" on a terminal; without one, --yes is required (never launch unasked). */
export async function confirmLaunch(
  ctx: CommandContext,
  o: { yes?: boolean; question?: string },
): Promise<void> {
  if (o.yes) return;
  if (!ctx.io.stdin.isTTY || !ctx.io.stderr.isTTY) {
    throw new UserError('USAGE', 'Not launching without confirmation: there is no terminal to ask on.', {
      hint: 'Pass --yes to launch without asking (after reading the plan above), or --dry-run to only see it.',
    });
  }
  const { confirm } = await import('@inquirer/prompts');
  const ok = await confirm(
    { message: o.question ?? 'Launch?', default: true },
    { input: ctx.io.stdin, output: ctx.io.stderr, signal: ctx.signal },
  ).catch((error: unknown) => {
    // Ctrl-C at the question is a "no"; anything else is a real failure, not a silent cancel.
    if (isPromptCancelled(error)) return false;
    throw error;
  });
  if (!ok) throw new UserError('CANCELLED', 'Launch cancelled; nothing was created.');
}
