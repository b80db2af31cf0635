import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { OfferData } from './offer-data.ts';
import { chooseOfferSource } from './offer-source.ts';
import { parseRegionFlag } from './regions.ts';

/** Validates `--region`, then loads offer data offline or live (saying which on stderr). */
export async function loadOfferData(ctx: CommandContext): Promise<OfferData> {
  const request = parseRegionFlag(ctx.opts.region);
  const source = chooseOfferSource(ctx);
  if (source.mode === 'offline') {
    const { loadOfflineData } = await import('./offline-data.ts');
    return loadOfflineData(ctx, request, source.reason);
  }
  const { loadLiveData } = await import('./live-data.ts');
  return loadLiveData(ctx, request);
}
