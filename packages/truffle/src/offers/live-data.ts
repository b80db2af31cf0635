import { loadCatalog, loadLiveOfferings, onDemandPrice } from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { accountKey } from './account-key.ts';
import { liveAws } from './live-aws.ts';
import { fetchLivePrices } from './live-prices.ts';
import type { OfferData, PriceFact, SelectTypes } from './offer-data.ts';
import type { RegionRequest } from './regions.ts';

/**
 * Offer data from AWS (cached). The query is matched against the known types first, so AWS is
 * asked only about those: specs once, offerings once per region, prices from the Price List API
 * (or, when that is unavailable, the catalog's, saying so).
 */
export async function loadLiveData(
  ctx: CommandContext,
  request: RegionRequest,
  select: SelectTypes,
): Promise<OfferData> {
  const [cache, catalog] = await Promise.all([ctx.cache(), loadCatalog()]);
  const account = accountKey(ctx);
  const aws = liveAws(ctx, request.kind === 'list' ? request.regions[0] : undefined);
  const regions =
    request.kind === 'list'
      ? request.regions
      : request.kind === 'all'
        ? (
            await cache.getOrLoad({ account, region: 'global', kind: 'regions' }, async () =>
              (await aws.get()).resolveRegions('all'),
            )
          ).value
        : [(await aws.get()).defaultRegion];
  const selected = select(catalog.types).map((t) => t.instanceType);
  const live =
    selected.length === 0
      ? {
          types: [],
          offerings: regions.map((region) => ({ region, byType: {} as Record<string, string[]> })),
          failed: [],
        }
      : await loadLiveOfferings({
          cache,
          account,
          regions,
          ec2: async (region) => (await aws.get()).ec2(region),
          instanceTypes: selected,
          fallbackTypes: catalog.types,
        });
  for (const f of live.failed) ctx.output.warn(`${f.region}: ${f.error.message.split('\n')[0]} (skipped)`);
  const liveSpecs = new Map(live.types.map((t) => [t.instanceType, t]));
  const byRegion = new Map(live.offerings.map((o) => [o.region, o.byType]));
  const prices = new Map<string, Record<string, PriceFact>>();
  const answered = regions.filter((r) => byRegion.has(r));
  return {
    types: selected.flatMap((name) => liveSpecs.get(name) ?? []),
    allTypes: catalog.types,
    regions: answered,
    azs: (type, region) => byRegion.get(region)?.[type] ?? [],
    loadPrices: async (types) => {
      const fetched = await fetchLivePrices({ cache, account, aws }, answered, types);
      const fallback: string[] = [];
      for (const [region, r] of fetched) {
        if ('prices' in r) prices.set(region, r.prices);
        else fallback.push(`${region} (${r.unavailable.split('\n')[0]})`);
      }
      if (prices.size > 0)
        ctx.output.info(`On-demand prices for ${[...prices.keys()].join(', ')}: AWS Price List API.`);
      if (fallback.length > 0) {
        const has = Object.entries(catalog.prices).map(([r, p]) => `${r} as of ${p.asOf}`);
        ctx.output.info(
          `Live prices unavailable for ${fallback.join('; ')}. Using the offline catalog's prices where it has them (${has.join(', ')}), none elsewhere.`,
        );
      }
    },
    price: (type, region) => {
      const fromApi = prices.get(region);
      return fromApi ? fromApi[type] : onDemandPrice(catalog, type, region);
    },
    apiCalls: aws.calls,
  };
}
