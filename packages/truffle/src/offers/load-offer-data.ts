import { loadCatalog } from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { importLiveData } from '../live-data-file.ts';
import { applyCatalogFile } from './catalog-file.ts';
import type { OfferData, SelectTypes } from './offer-data.ts';
import { chooseOfferSource } from './offer-source.ts';
import { loadOfflineData } from './offline-data.ts';
import { parseRegionFlag } from './regions.ts';

/**
 * Validates `--region`, then loads offer data for the selected types offline or live (saying which
 * on stderr). Live, `query` (when it is an exact name or glob) narrows the AWS calls to it;
 * `catalog` is the command's `--catalog FILE`; `exactName` (a query spelling one type name) lets the
 * offline catalog decode only that type when it has it.
 */
export async function loadOfferData(
  ctx: CommandContext,
  select: SelectTypes,
  o: { query?: string; catalog?: string; exactName?: string } = {},
): Promise<OfferData> {
  const request = await parseRegionFlag(ctx.opts.region);
  await applyCatalogFile(ctx, o.catalog);
  const source = await chooseOfferSource(ctx);
  if (source.mode === 'offline') {
    return loadOfflineData(ctx, request, source.reason, select, o.exactName);
  }
  const { loadLiveData } = await importLiveData();
  return loadLiveData(ctx, request, select, { query: o.query, catalog: loadCatalog() });
}
