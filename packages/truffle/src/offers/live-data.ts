import { regionListSchema } from '@truffle-spawn/core/cache';
import {
  type Catalog,
  type CatalogInstanceType,
  instanceTypePatterns,
  type LiveOfferings,
  loadLiveOfferings,
  loadLiveTypes,
  onDemandPrice,
} from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { accountKey } from './account-key.ts';
import { fetchLivePrices } from './live-prices.ts';
import type { OfferData, PriceFact, SelectTypes } from './offer-data.ts';
import type { RegionRequest } from './regions.ts';
import { truffleAws } from './truffle-aws.ts';

/**
 * Offer data from AWS (cached). The types are the ones AWS lists (DescribeInstanceTypes), so a type
 * the embedded catalog lacks is found too; the catalog only fills in when AWS cannot describe.
 * An exact name or glob narrows every call to it (`instance-type` filter); other queries match
 * against every listed type, then ask for offerings of the matches only. Prices come once per
 * type for all regions from the Price List API (or, when unavailable, the catalog's, saying so).
 * `catalog` is the offline catalog in use (loadCatalog in the caller: see live-data-file.ts).
 */
export async function loadLiveData(
  ctx: CommandContext,
  request: RegionRequest,
  select: SelectTypes,
  { query, catalog: loading }: { query?: string; catalog: Promise<Catalog> },
): Promise<OfferData> {
  const [cache, catalog] = await Promise.all([ctx.cache(), loading]);
  const account = accountKey(ctx);
  const aws = truffleAws(ctx);
  const regions =
    request.kind === 'list'
      ? request.regions
      : request.kind === 'all'
        ? (
            await cache.getOrLoad(
              { account, region: 'global', kind: 'regions' },
              async () => (await aws.get()).resolveRegions('all'),
              { schema: regionListSchema },
            )
          ).value
        : [(await aws.get()).defaultRegion];
  const common = {
    cache,
    account,
    regions,
    ec2: async (region: string) => (await aws.get()).ec2(region),
    fallbackTypes: catalog.types,
    signal: ctx.signal,
    onProgress: (p: { done: number; total: number }) => ctx.progress.update(p),
  };
  const patterns = instanceTypePatterns(query);
  let live: LiveOfferings;
  let selected: CatalogInstanceType[];
  if (patterns) {
    live = await loadLiveOfferings({ ...common, patterns });
    selected = select(live.described);
  } else {
    const listed = await loadLiveTypes({ ...common, region: regions[0] ?? 'us-east-1' }).catch(
      (error: unknown) => {
        ctx.output.warn(
          `Cannot list instance types from AWS (${(error as Error).message.split('\n')[0]}); using the offline catalog's.`,
        );
        return catalog.types;
      },
    );
    selected = select(listed);
    live =
      selected.length === 0
        ? {
            types: [],
            described: [],
            offerings: regions.map((region) => ({ region, byType: {} })),
            failed: [],
          }
        : await loadLiveOfferings({
            ...common,
            instanceTypes: selected.map((t) => t.instanceType),
            specs: selected,
          });
  }
  for (const f of live.failed) ctx.output.warn(`${f.region}: ${f.error.message.split('\n')[0]} (skipped)`);
  const byRegion = new Map(live.offerings.map((o) => [o.region, o.byType]));
  const answered = regions.filter((r) => byRegion.has(r));
  const allTypes = new Map(catalog.types.map((t) => [t.instanceType, t]));
  for (const t of live.described) allTypes.set(t.instanceType, t);
  const fromApi = new Map<string, Record<string, PriceFact>>();
  let useCatalogPrices = false;
  return {
    types: selected,
    allTypes: [...allTypes.values()],
    regions: answered,
    azs: (type, region) => byRegion.get(region)?.[type] ?? [],
    loadPrices: async (types) => {
      const result = await fetchLivePrices({ cache, account, aws, signal: ctx.signal }, types);
      for (const [type, byRegion] of result.prices) fromApi.set(type, byRegion);
      if (result.prices.size > 0) ctx.output.info('On-demand prices: AWS Price List API.');
      if (result.error) {
        useCatalogPrices = true;
        const has = Object.entries(catalog.prices).map(([r, p]) => `${r} as of ${p.asOf}`);
        ctx.output.info(
          `Live prices unavailable (${result.error.split('\n')[0]}). Using the offline catalog's prices where it has them (${has.join(', ')}), none elsewhere.`,
        );
      }
    },
    price: (type, region) => {
      const known = fromApi.get(type);
      if (known) return known[region];
      return useCatalogPrices ? onDemandPrice(catalog, type, region) : undefined;
    },
    apiCalls: aws.calls,
  };
}
