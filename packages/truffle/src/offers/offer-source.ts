import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/** Offline (embedded catalog) or live (AWS), and why, in words for stderr. */
export interface OfferSource {
  mode: 'offline' | 'live';
  reason: string;
}

/**
 * `--offline`, or no credentials configured, means the catalog; otherwise live AWS. Core's AWS
 * module is imported only past `--offline` (an offline search does not load startup-lazy.cjs).
 */
export async function chooseOfferSource(ctx: CommandContext): Promise<OfferSource> {
  if (ctx.opts.offline) return { mode: 'offline', reason: '--offline' };
  const { hasConfiguredCredentials } = await import('@truffle-spawn/core/aws');
  if (!hasConfiguredCredentials(ctx.io.env, ctx.io.homedir)) {
    return { mode: 'offline', reason: 'no AWS credentials are configured' };
  }
  return { mode: 'live', reason: 'AWS credentials found' };
}
