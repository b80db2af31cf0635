import type { Filter, PricingClient } from '@aws-sdk/client-pricing';
import type { OnDemandPrice } from './fetch-on-demand-prices.ts';
import { parsePriceListItem } from './parse-price-list-item.ts';
import { withThrottlingRetry } from './with-throttling-retry.ts';

/** Per instance type, per region code: the on-demand price (regions without one have no entry). */
export type PricesByType = Map<string, Record<string, OnDemandPrice>>;

export interface FetchPricesByTypeOptions {
  /** Types per GetProducts query (an ANY_OF filter); one query pages through all their regions. */
  batchSize?: number;
  /** Queries in flight at once. */
  concurrency?: number;
  abortSignal?: AbortSignal;
  /** Injected for tests: waits between throttled attempts. */
  sleep?: (ms: number) => Promise<void>;
}

// A type has one Linux/shared/used product per region (~35): 3 types fill about one page of 100,
// so the batches of a query run side by side instead of paging one after another.
const BATCH_SIZE = 3;
const CONCURRENCY = 4;

/**
 * Linux, shared-tenancy, "Used" capacity, no pre-installed software on-demand USD/hour of
 * `instanceTypes` in every region at once: GetProducts filtered by the types (no region filter,
 * paginated), a few types per query, a few queries at a time, retried with backoff when throttled.
 * Every requested type gets an entry (possibly empty: AWS publishes no price for it anywhere).
 */
export async function fetchPricesByType(
  pricing: PricingClient,
  instanceTypes: string[],
  o: FetchPricesByTypeOptions = {},
): Promise<PricesByType> {
  const names = [...new Set(instanceTypes)].sort();
  const out: PricesByType = new Map(names.map((n) => [n, {}]));
  const batches: string[][] = [];
  const size = o.batchSize ?? BATCH_SIZE;
  for (let i = 0; i < names.length; i += size) batches.push(names.slice(i, i + size));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as string[];
      const items = await withThrottlingRetry(() => collect(pricing, batch, o.abortSignal), o);
      for (const item of items) {
        const p = parsePriceListItem(item);
        const byRegion = p?.regionCode ? out.get(p.instanceType) : undefined;
        if (!p?.regionCode || !byRegion) continue;
        const known = byRegion[p.regionCode];
        if (known && known.usdPerHour <= p.usdPerHour) continue;
        byRegion[p.regionCode] = { usdPerHour: p.usdPerHour, asOf: p.asOf, source: 'pricing-api' };
      }
    }
  };
  const width = Math.max(1, Math.min(o.concurrency ?? CONCURRENCY, batches.length));
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

function filtersFor(types: string[]): Filter[] {
  const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });
  return [
    types.length === 1
      ? term('instanceType', types[0] as string)
      : { Type: 'ANY_OF', Field: 'instanceType', Value: types.join(',') },
    term('operatingSystem', 'Linux'),
    term('tenancy', 'Shared'),
    term('preInstalledSw', 'NA'),
    term('capacitystatus', 'Used'),
    term('licenseModel', 'No License required'),
    // Regions only: Local Zones and Wavelength zones have their own products.
    term('locationType', 'AWS Region'),
  ];
}

async function collect(
  pricing: PricingClient,
  types: string[],
  abortSignal?: AbortSignal,
): Promise<unknown[]> {
  const items: unknown[] = [];
  // Loaded here, not at the top: a warm search imports this module (through loadOnDemandPrices)
  // and finds every price cached; the Pricing SDK costs it ~130 ms CPU to load for nothing.
  const { paginateGetProducts } = await import('@aws-sdk/client-pricing');
  const pages = paginateGetProducts(
    { client: pricing, pageSize: 100 },
    { ServiceCode: 'AmazonEC2', FormatVersion: 'aws_v1', Filters: filtersFor(types) },
    ...(abortSignal ? [{ abortSignal }] : []),
  );
  for await (const page of pages) {
    if (Array.isArray(page.PriceList)) items.push(...page.PriceList);
  }
  return items;
}
