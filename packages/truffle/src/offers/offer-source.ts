import { hasConfiguredCredentials } from '@truffle-spawn/core/aws';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/** Offline (embedded catalog) or live (AWS), and why, in words for stderr. */
export interface OfferSource {
  mode: 'offline' | 'live';
  reason: string;
}

/** `--offline`, or no credentials configured, means the catalog; otherwise live AWS. */
export function chooseOfferSource(ctx: CommandContext): OfferSource {
  if (ctx.opts.offline) return { mode: 'offline', reason: '--offline' };
  if (!hasConfiguredCredentials(ctx.io.env, ctx.io.homedir)) {
    return { mode: 'offline', reason: 'no AWS credentials are configured' };
  }
  return { mode: 'live', reason: 'AWS credentials found' };
}
