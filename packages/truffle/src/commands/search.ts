import { UserError } from '@truffle-spawn/core';
import { type CommandContext, noteHiddenByLimit } from '@truffle-spawn/core/cli-kit';
import { instanceTypeName, rankResults, type SearchAnswer, searchQuery } from '@truffle-spawn/core/search';
import type { SearchInput } from '../command-table.ts';
import { buildOffers } from '../offers/build-offers.ts';
import { loadOfferData } from '../offers/load-offer-data.ts';
import { lowestPrice } from '../offers/lowest-price.ts';
import { OFFER_COLUMNS } from '../offers/offer-columns.ts';
import { classifyExactMiss, exactMissError, reportEmpty } from '../offers/report-empty.ts';
import { filterWords, toSearchFilters } from '../offers/search-filters.ts';
import { spotRanker } from '../offers/spot-ranker.ts';

/**
 * `truffle search [query]`: matching types with specs, on-demand price and where they are offered,
 * best match first. An exact instance-type name gives that type or a not-found error, never another.
 */
export async function run(ctx: CommandContext, input: SearchInput): Promise<void> {
  const query = input.query ?? '';
  const { limit, maxPrice, ...narrowing } = toSearchFilters(input);
  if (query.trim() === '' && !filterWords(input) && maxPrice === undefined && !input.sort && !limit) {
    throw new UserError('USAGE', 'truffle search needs a query or at least one filter.', {
      hint: "e.g. truffle search m7i.large, truffle search 'graviton large', truffle search --vcpus 8 --memory 32",
    });
  }
  const exactName = instanceTypeName(query);
  let answer: SearchAnswer = { results: [], spot: false };
  const data = await loadOfferData(
    ctx,
    (types) => {
      answer = searchQuery(types, query, narrowing);
      return answer.results.map((r) => r.type);
    },
    { query, catalog: input.catalog, exactName },
  );
  const offered = (name: string) => data.regions.some((r) => data.azs(name, r).length > 0);
  const matched = data.types.filter((t) => offered(t.instanceType));
  if (matched.length === 0) {
    if (exactName)
      throw await exactMissError(
        data,
        exactName,
        classifyExactMiss(data, exactName, answer.results.length > 0, filterWords(input)),
      );
    return done(ctx, () => reportEmpty(ctx, data, query, filterWords(input)), data);
  }

  // Ranking is by price, so every matched type needs one (cached per type and region).
  await data.loadPrices(matched.map((t) => t.instanceType));
  const sort = input.sort ?? answer.sort ?? (answer.spot ? 'interruption' : undefined);
  const spot = sort === 'interruption' || answer.spot ? await spotRanker(data.regions) : undefined;
  const interruption = spot?.rank;
  const how = new Map(answer.results.map((r) => [r.type.instanceType, r]));
  const ranked = rankResults(
    matched
      .filter((t) => !answer.spot || interruption?.(t) !== undefined)
      .flatMap((t) => {
        const r = how.get(t.instanceType);
        return r ? [{ ...r, type: t }] : [];
      }),
    { price: (t) => lowestPrice(data, t), interruption, sort },
  );
  const build = (upTo: number | undefined) =>
    buildOffers(
      data,
      ranked.map((r) => r.type),
      { maxPrice, limit: upTo, matchOf: (name) => how.get(name)?.match, interruptionOf: spot?.bucket },
    );
  const offers = build(limit);
  if (offers.length === 0) {
    if (exactName && maxPrice !== undefined) {
      throw await exactMissError(data, exactName, { kind: 'price', maxPrice });
    }
    const why = answer.spot ? 'with published Spot data' : `at or below $${maxPrice}/hour with a known price`;
    return done(ctx, () => reportEmpty(ctx, data, query, why), data);
  }
  ctx.output.records(offers, OFFER_COLUMNS);
  if (limit !== undefined) {
    const types = (list: typeof offers) => new Set(list.map((o) => o.instanceType)).size;
    noteHiddenByLimit(ctx, {
      shown: types(offers),
      total: types(build(undefined)),
      limit,
      what: 'instance types',
    });
  }
  done(ctx, () => {}, data);
}

function done(ctx: CommandContext, say: () => void, data: { apiCalls(): number }): void {
  say();
  if (ctx.opts.debug) ctx.output.info(`[aws] ${data.apiCalls()} API calls`);
}
