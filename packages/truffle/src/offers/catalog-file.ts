import { resolve } from 'node:path';
import { useCatalogFile } from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/**
 * Points the offline catalog at `--catalog FILE` (`fromFlag`) or `TRUFFLE_CATALOG` (a file `truffle
 * refresh --catalog` wrote), else back at the embedded one. refresh passes no flag: its own
 * `--catalog` names the file it writes, so only the environment variable counts there.
 */
export async function applyCatalogFile(ctx: CommandContext, fromFlag?: string): Promise<string | undefined> {
  const chosen = fromFlag || ctx.io.env.TRUFFLE_CATALOG || undefined;
  const file = chosen ? resolve(ctx.io.cwd, chosen) : undefined;
  useCatalogFile(file);
  return file;
}
