import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { OfferData, SelectTypes } from './offer-data.ts';
import { chooseOfferSource } from './offer-source.ts';
import { parseRegionFlag } from './regions.ts';

/** Validates `--region`, then loads offer data for the selected types offline or live (saying which on stderr). */
export async function loadOfferData(ctx: CommandContext, select: SelectTypes): Promise<OfferData> {
  const request = parseRegionFlag(ctx.opts.region);
  const source = chooseOfferSource(ctx);
  if (source.mode === 'offline') {
    const { loadOfflineData } = await import('./offline-data.ts');
    return loadOfflineData(ctx, request, source.reason, select);
  }
  const { loadLiveData } = await import('./live-data.ts');
  return loadLiveData(ctx, request, select);
}
