/** One on-demand hourly price read from a Price List API product. */
export interface ParsedOnDemandPrice {
  instanceType: string;
  regionCode: string | undefined;
  usdPerHour: number;
  /** The price list's publication date (or the term's effective date), ISO-8601. */
  asOf: string;
}

// The filters we send, checked again per item: a product that slips through must not become a price.
const REQUIRED_ATTRIBUTES: Record<string, string> = {
  operatingSystem: 'Linux',
  tenancy: 'Shared',
  preInstalledSw: 'NA',
  capacitystatus: 'Used',
  licenseModel: 'No License required',
};

interface PriceListProduct {
  product?: { productFamily?: string; attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, OnDemandTerm> };
  publicationDate?: string;
}
interface OnDemandTerm {
  effectiveDate?: string;
  priceDimensions?: Record<string, { unit?: string; pricePerUnit?: Record<string, string> }>;
}

/**
 * Reads one `PriceList` entry of GetProducts (a JSON string, or the SDK's boxed LazyJsonString) and
 * returns its Linux shared-tenancy on-demand USD/hour, or undefined for anything else: another
 * OS/tenancy, Reserved-only products, non-hourly units, and $0 placeholders AWS publishes for
 * types not sold in a region.
 */
export function parsePriceListItem(item: unknown): ParsedOnDemandPrice | undefined {
  const doc = toProduct(item);
  const attributes = doc?.product?.attributes;
  const instanceType = attributes?.instanceType;
  if (!doc || !attributes || !instanceType) return undefined;
  if (!doc.product?.productFamily?.startsWith('Compute Instance')) return undefined;
  for (const [key, value] of Object.entries(REQUIRED_ATTRIBUTES)) {
    if (attributes[key] !== value) return undefined;
  }
  let best: { usd: number; effectiveDate: string | undefined } | undefined;
  for (const term of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions ?? {})) {
      const usd = Number(dimension.pricePerUnit?.USD);
      if (!/^hrs?$/i.test(dimension.unit ?? '') || !Number.isFinite(usd) || usd <= 0) continue;
      if (!best || usd < best.usd) best = { usd, effectiveDate: term.effectiveDate };
    }
  }
  if (!best) return undefined;
  const asOf = doc.publicationDate ?? best.effectiveDate ?? '';
  return { instanceType, regionCode: attributes.regionCode, usdPerHour: best.usd, asOf };
}

function toProduct(item: unknown): PriceListProduct | undefined {
  try {
    if (typeof item === 'string' || item instanceof String) return JSON.parse(String(item));
    if (typeof item === 'object' && item !== null) return item as PriceListProduct;
  } catch {
    // A malformed entry is skipped like any other non-matching product.
  }
  return undefined;
}
