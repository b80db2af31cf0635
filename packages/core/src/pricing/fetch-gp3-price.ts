import { GetProductsCommand, type PricingClient } from '@aws-sdk/client-pricing';

/** gp3 storage list price of one region from the Price List API. */
export interface Gp3Price {
  usdPerGbMonth: number;
  /** The price list's publication date (or the term's effective date). */
  asOf: string;
}

interface StorageProduct {
  product?: { productFamily?: string; attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<
      string,
      {
        effectiveDate?: string;
        priceDimensions?: Record<string, { unit?: string; pricePerUnit?: Record<string, string> }>;
      }
    >;
  };
  publicationDate?: string;
}

const term = (Field: string, Value: string) => ({ Type: 'TERM_MATCH' as const, Field, Value });

/**
 * The gp3 volume storage price (USD per GB-month) of `region`: Pricing GetProducts for AmazonEC2
 * `Storage` with `volumeApiName=gp3`. Undefined when the list has no such product (never a guess);
 * IOPS/throughput products and $0 placeholders are skipped. Pass the us-east-1 Pricing client.
 */
export async function fetchGp3Price(
  pricing: PricingClient,
  region: string,
  abortSignal?: AbortSignal,
): Promise<Gp3Price | undefined> {
  const out = await pricing.send(
    new GetProductsCommand({
      ServiceCode: 'AmazonEC2',
      FormatVersion: 'aws_v1',
      MaxResults: 10,
      Filters: [term('regionCode', region), term('volumeApiName', 'gp3'), term('productFamily', 'Storage')],
    }),
    abortSignal ? { abortSignal } : undefined,
  );
  for (const item of out.PriceList ?? []) {
    const price = parseGp3Item(item, region);
    if (price) return price;
  }
  return undefined;
}

/** One PriceList entry as a gp3 storage price of `region`, or undefined for anything else. */
export function parseGp3Item(item: unknown, region: string): Gp3Price | undefined {
  let doc: StorageProduct | undefined;
  try {
    doc =
      typeof item === 'string' || item instanceof String
        ? JSON.parse(String(item))
        : (item as StorageProduct);
  } catch {
    return undefined;
  }
  const a = doc?.product?.attributes;
  if (doc?.product?.productFamily !== 'Storage' || a?.volumeApiName !== 'gp3') return undefined;
  if (a.regionCode !== undefined && a.regionCode !== region) return undefined;
  for (const t of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const d of Object.values(t.priceDimensions ?? {})) {
      const usd = Number(d.pricePerUnit?.USD);
      if (/^GB-?Mo$/i.test(d.unit ?? '') && Number.isFinite(usd) && usd > 0) {
        return { usdPerGbMonth: usd, asOf: doc.publicationDate ?? t.effectiveDate ?? '' };
      }
    }
  }
  return undefined;
}
