import { type CommandContext, noteHiddenByLimit } from '@truffle-spawn/core/cli-kit';
import type { SpotInput } from '../command-table.ts';
import { defaultRegion, parseRegionFlag } from '../offers/regions.ts';
import { SPOT_COLUMNS } from './spot.ts';

/**
 * `truffle spot --offline`: per (type, region) the Spot Advisor's saving and interruption bucket
 * from the offline catalog, with its date. No spot price: there is none without a live source.
 */
export async function runOffline(ctx: CommandContext, input: SpotInput): Promise<void> {
  const { query } = input;
  const [spot, { loadCatalog, catalogAgeText, catalogFileInUse }] = await Promise.all([
    import('@truffle-spawn/core/spot'),
    import('@truffle-spawn/core/catalog'),
  ]);
  const catalog = await loadCatalog();
  const file = catalogFileInUse();
  const advisor = catalog.spotAdvisor;
  ctx.output.info(
    `Offline (--offline): ${catalogAgeText(catalog, ctx.io.now())}${file ? ` read from ${file}` : ''}; Spot Advisor data as of ${advisor?.asOf.slice(0, 10) ?? 'none'}. Spot prices need live access: none shown.`,
  );
  const request = await parseRegionFlag(ctx.opts.region);
  const known = Object.keys(advisor?.regions ?? {}).sort();
  const regions =
    request.kind === 'all'
      ? known
      : request.kind === 'list'
        ? request.regions
        : [(await defaultRegion(ctx)) ?? 'us-east-1'];
  const missing = regions.filter((r) => !known.includes(r));
  if (missing.length > 0) ctx.output.warn(`No Spot Advisor data for ${missing.join(', ')}.`);
  const { instanceTypes, didYouMean } = spot.matchCatalogTypes(catalog, query);
  if (instanceTypes.length === 0) {
    const guess = didYouMean.length > 0 ? ` Did you mean ${didYouMean.join(', ')}?` : '';
    ctx.output.info(`No instance type matches "${query}".${guess}`);
    return;
  }
  if (input.maxPrice !== undefined || input.sort === 'price' || input.sortByPrice) {
    ctx.output.warn('Offline there is no spot price: --max-price and --sort price have nothing to go by.');
  }
  const advised = spot.advisorSpotOffers(catalog, instanceTypes, regions);
  const offers = spot.selectSpotOffers(advised, input);
  if (offers.length === 0) {
    ctx.output.info(`No Spot Advisor figure for ${query} in ${regions.join(', ')}.`);
    return;
  }
  const columns = SPOT_COLUMNS.filter((c) => c.header !== 'SPOT $/H');
  ctx.output.records(
    offers,
    regions.length > 1 ? [{ header: 'REGION', value: (o) => o.region }, ...columns] : columns,
  );
  const total = spot.selectSpotOffers(advised, { ...input, limit: undefined }).length;
  noteHiddenByLimit(ctx, { shown: offers.length, total, limit: input.limit, what: 'rows' });
}
