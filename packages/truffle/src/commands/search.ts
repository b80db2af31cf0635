import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { searchInstanceTypes } from '@truffle-spawn/core/search';
import { buildOffers } from '../offers/build-offers.ts';
import { loadOfferData } from '../offers/load-offer-data.ts';
import { OFFER_COLUMNS } from '../offers/offer-columns.ts';
import { reportEmpty } from '../offers/report-empty.ts';
import { type SearchOptions, toSearchFilters } from '../offers/search-filters.ts';

/** `truffle search <query>`: matching types with specs, on-demand price and where they are offered. */
export async function run(ctx: CommandContext, query: string, opts: SearchOptions): Promise<void> {
  const { limit, maxPrice, ...narrowing } = toSearchFilters(opts);
  const data = await loadOfferData(ctx, (types) =>
    searchInstanceTypes(types, query, narrowing).map((r) => r.type),
  );
  const offered = (name: string) => data.regions.some((r) => data.azs(name, r).length > 0);
  const matched = data.types.filter((t) => offered(t.instanceType));
  if (matched.length === 0) return done(ctx, () => reportEmpty(ctx, data, query, filterWords(opts)), data);

  // Without --max-price only the rows shown need a price.
  const pricedCount = maxPrice === undefined ? (limit ?? matched.length) : matched.length;
  await data.loadPrices(matched.slice(0, pricedCount).map((t) => t.instanceType));
  const offers = buildOffers(data, matched, { maxPrice, limit });
  if (offers.length === 0) {
    return done(
      ctx,
      () => reportEmpty(ctx, data, query, `at or below $${maxPrice}/hour with a known price`),
      data,
    );
  }
  ctx.output.records(offers, OFFER_COLUMNS);
  done(ctx, () => {}, data);
}

function done(ctx: CommandContext, say: () => void, data: { apiCalls(): number }): void {
  say();
  if (ctx.opts.debug) ctx.output.info(`[aws] ${data.apiCalls()} API calls`);
}

function filterWords(opts: SearchOptions): string | undefined {
  const set = Object.entries(opts).filter(
    ([k, v]) =>
      v !== undefined &&
      [
        'minVcpus',
        'maxVcpus',
        'minMemory',
        'maxMemory',
        'arch',
        'gpus',
        'gpuModel',
        'family',
        'hibernation',
      ].includes(k),
  );
  return set.length > 0 ? `with these filters (${set.map(([k, v]) => `${k}=${v}`).join(', ')})` : undefined;
}
