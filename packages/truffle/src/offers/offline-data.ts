import {
  catalogAgeText,
  catalogFileInUse,
  findType,
  loadCatalog,
  offeredAzs,
  onDemandPrice,
} from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { OfferData, SelectTypes } from './offer-data.ts';
import { defaultRegion, type RegionRequest } from './regions.ts';

/** Offer data from the embedded catalog; states its age and the regions it cannot answer. */
export async function loadOfflineData(
  ctx: CommandContext,
  request: RegionRequest,
  reason: string,
  select: SelectTypes,
  exactName?: string,
): Promise<OfferData> {
  const catalog = await loadCatalog();
  const file = catalogFileInUse();
  ctx.output.info(
    `Offline (${reason}): ${catalogAgeText(catalog, ctx.io.now())}${file ? ` read from ${file}` : ''}.`,
  );
  const known = Object.keys(catalog.offerings);
  let regions: string[];
  if (request.kind === 'all') regions = known;
  else if (request.kind === 'list') regions = request.regions;
  else {
    const configured = await defaultRegion(ctx);
    regions = [configured ?? 'us-east-1'];
    if (!configured) ctx.output.info('No region is configured; showing us-east-1 (pass --region to choose).');
  }
  const unknown = regions.filter((r) => !known.includes(r));
  if (unknown.length > 0) ctx.output.warn(`The offline catalog has no offerings for ${unknown.join(', ')}.`);
  regions = regions.filter((r) => known.includes(r));
  // An exact name selects that type or nothing, so when the catalog has it the selection runs on it
  // alone and the other ~1,300 types are never decoded; `allTypes` (suggestions) decodes them if read.
  const named = exactName === undefined ? undefined : findType(catalog, exactName);
  return {
    types: select(named ? [named] : catalog.types),
    get allTypes() {
      return catalog.types;
    },
    regions,
    azs: (type, region) => offeredAzs(catalog, type, region) ?? [],
    loadPrices: async () => {
      const unpriced = regions.filter((r) => !catalog.prices[r]);
      const priced = regions.filter((r) => catalog.prices[r]);
      if (priced.length > 0) ctx.output.info(`On-demand prices for ${priced.join(', ')}: offline catalog.`);
      if (unpriced.length > 0) {
        ctx.output.info(
          `No on-demand price for ${listRegions(unpriced)} in the offline catalog (it has ${Object.keys(catalog.prices).join(', ')} only); shown as "-", never estimated.`,
        );
      }
    },
    price: (type, region) => onDemandPrice(catalog, type, region),
    apiCalls: () => 0,
  };
}

function listRegions(regions: string[]): string {
  return regions.length <= 4
    ? regions.join(', ')
    : `${regions.slice(0, 3).join(', ')} and ${regions.length - 3} more regions`;
}
