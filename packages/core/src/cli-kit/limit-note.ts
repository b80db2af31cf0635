import type { CommandContext } from './command-context.ts';

/**
 * After a table on a terminal that `--limit` cut short: how many rows it hid and how to see them
 * (stderr; nothing for pipes, which asked for exactly what they got).
 */
export function noteHiddenByLimit(
  ctx: Pick<CommandContext, 'io' | 'output'>,
  o: { shown: number; total: number; limit: number | undefined; what: string },
): void {
  if (o.limit === undefined || o.total <= o.shown) return;
  if (ctx.output.format !== 'table' || !ctx.io.stdout.isTTY) return;
  ctx.output.info(
    ctx.output.style(
      'dim',
      `${o.total - o.shown} more ${o.what} hidden by --limit ${o.limit}; see them all with --limit ${o.total}, or without --limit.`,
    ),
  );
}
