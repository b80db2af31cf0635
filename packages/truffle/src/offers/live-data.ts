import { loadCatalog, loadLiveOfferings, onDemandPrice } from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { accountKey } from './account-key.ts';
import { liveAws } from './live-aws.ts';
import { fetchLivePrices } from './live-prices.ts';
import type { OfferData, PriceFact } from './offer-data.ts';
import type { RegionRequest } from './regions.ts';

/** Offer data from AWS (cached): specs, AZ offerings per region, Price List prices or catalog ones. */
export async function loadLiveData(ctx: CommandContext, request: RegionRequest): Promise<OfferData> {
  const cache = await ctx.cache();
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
  const catalog = await loadCatalog();
  const live = await loadLiveOfferings({
    cache,
    account,
    regions,
    ec2: async (region) => (await aws.get()).ec2(region),
    fallbackTypes: catalog.types,
  });
  for (const f of live.failed) ctx.output.warn(`${f.region}: ${f.error.message} (skipped)`);
  const byRegion = new Map(live.offerings.map((o) => [o.region, o.byType]));
  const prices = new Map<string, Record<string, PriceFact>>();
  const answered = regions.filter((r) => byRegion.has(r));
  return {
    types: live.types,
    regions: answered,
    azs: (type, region) => byRegion.get(region)?.[type] ?? [],
    loadPrices: async (types) => {
      const fetched = await fetchLivePrices({ cache, account, aws }, answered, types);
      const fallback: string[] = [];
      for (const [region, r] of fetched) {
        if ('prices' in r) prices.set(region, r.prices);
        else fallback.push(`${region} (${r.unavailable})`);
      }
      if (prices.size > 0)
        ctx.output.info(`On-demand prices for ${[...prices.keys()].join(', ')}: AWS Price List API.`);
      if (fallback.length > 0) {
        ctx.output.info(
          `Live prices unavailable for ${fallback.join('; ')}; using the offline catalog's prices where it has them (${Object.values(
            catalog.prices,
          )
            .map((p) => p.asOf)
            .join(', ')} for ${Object.keys(catalog.prices).join(', ')}), none elsewhere.`,
        );
      }
    },
    price: (type, region) => {
      const live = prices.get(region);
      return live ? live[type] : onDemandPrice(catalog, type, region);
    },
    apiCalls: aws.calls,
  };
}
