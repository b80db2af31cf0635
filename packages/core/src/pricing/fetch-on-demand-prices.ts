import type { Filter, PricingClient } from '@aws-sdk/client-pricing';
import { parsePriceListItem } from './parse-price-list-item.ts';

/** A live on-demand price from the Price List API. */
export interface OnDemandPrice {
  usdPerHour: number;
  asOf: string;
  source: 'pricing-api';
}

// Below this many types, one filtered query per type beats paging through a whole region.
const PER_TYPE_QUERY_LIMIT = 10;

/**
 * Linux, shared-tenancy, no pre-installed software, "Used" capacity on-demand USD/hour per instance
 * type in `region`, from Pricing GetProducts (paginated). Pass the us-east-1 Pricing client; the
 * region is a filter. With `instanceTypes`, only those types are returned (missing ones simply
 * have no entry: never a guessed price).
 */
export async function fetchOnDemandPrices(
  pricing: PricingClient,
  region: string,
  instanceTypes?: string[],
  abortSignal?: AbortSignal,
): Promise<Map<string, OnDemandPrice>> {
  const wanted = instanceTypes ? new Set(instanceTypes) : undefined;
  const queries =
    wanted && wanted.size <= PER_TYPE_QUERY_LIMIT ? [...wanted].map((t) => [term('instanceType', t)]) : [[]];
  const pages = await Promise.all(
    queries.map((extra) => collect(pricing, [...baseFilters(region), ...extra], abortSignal)),
  );
  const prices = new Map<string, OnDemandPrice>();
  for (const item of pages.flat()) {
    const parsed = parsePriceListItem(item);
    if (!parsed || (parsed.regionCode !== undefined && parsed.regionCode !== region)) continue;
    if (wanted && !wanted.has(parsed.instanceType)) continue;
    const known = prices.get(parsed.instanceType);
    if (known && known.usdPerHour <= parsed.usdPerHour) continue;
    prices.set(parsed.instanceType, {
      usdPerHour: parsed.usdPerHour,
      asOf: parsed.asOf,
      source: 'pricing-api',
    });
  }
  return prices;
}

function baseFilters(region: string): Filter[] {
  return [
    term('regionCode', region),
    term('operatingSystem', 'Linux'),
    term('tenancy', 'Shared'),
    term('preInstalledSw', 'NA'),
    term('capacitystatus', 'Used'),
    term('licenseModel', 'No License required'),
  ];
}

function term(Field: string, Value: string): Filter {
  return { Type: 'TERM_MATCH', Field, Value };
}

async function collect(
  pricing: PricingClient,
  Filters: Filter[],
  abortSignal?: AbortSignal,
): Promise<unknown[]> {
  const items: unknown[] = [];
  // Loaded here, not at the top: offline commands import this module and must not load the SDK.
  const { paginateGetProducts } = await import('@aws-sdk/client-pricing');
  // The extra argument reaches every page's send: an abort ends the request and its retries.
  const pages = paginateGetProducts(
    { client: pricing, pageSize: 100 },
    { ServiceCode: 'AmazonEC2', FormatVersion: 'aws_v1', Filters },
    ...(abortSignal ? [{ abortSignal }] : []),
  );
  for await (const page of pages) {
    if (Array.isArray(page.PriceList)) items.push(...page.PriceList);
  }
  return items;
}
