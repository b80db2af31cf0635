import { resolve } from 'node:path';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/**
 * Points the offline catalog at `--catalog FILE` or `TRUFFLE_CATALOG` (a file `truffle refresh
 * --catalog` wrote), else back at the embedded one. `flag` false: the command's own `--catalog`
 * means something else (refresh writes there), so only the environment variable counts.
 */
export async function applyCatalogFile(
  ctx: CommandContext,
  flag: boolean = true,
): Promise<string | undefined> {
  const fromFlag = flag ? (ctx.opts as { catalog?: unknown }).catalog : undefined;
  const chosen =
    typeof fromFlag === 'string' && fromFlag !== '' ? fromFlag : ctx.io.env.TRUFFLE_CATALOG || undefined;
  const file = chosen ? resolve(ctx.io.cwd, chosen) : undefined;
  const { useCatalogFile } = await import('@truffle-spawn/core/catalog');
  useCatalogFile(file);
  return file;
}
