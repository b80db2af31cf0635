import type { EC2Client } from '@aws-sdk/client-ec2';
import { assembleCatalog, type SpotAdvisorInput } from './assemble-catalog.ts';
import { describeInstanceTypes } from './describe-instance-types.ts';
import { describeAzOfferings } from './describe-offerings.ts';
import type { Catalog, CatalogInstanceType, CatalogSource, RegionPrices } from './types.ts';

export interface LiveCatalogOptions {
  ec2: (region: string) => EC2Client;
  regions: string[];
  now: Date;
  /** On-demand prices of one region (e.g. from the Price List API); undefined = none known. */
  prices?: (region: string) => Promise<RegionPrices | undefined>;
  /** Spot Advisor figures to carry over (there is no API for them). */
  spotAdvisor?: SpotAdvisorInput;
  /** Called for each region that failed (the catalog is built from the rest). */
  onRegionError?: (region: string, error: Error) => void;
}

/** Builds a catalog from live AWS: specs and AZ offerings per region, prices where given. */
export async function buildLiveCatalog(o: LiveCatalogOptions): Promise<Catalog> {
  // Imported here: the catalog index loads this module, and an offline search loads no AWS code.
  const { fanOut } = await import('../aws/fan-out.ts');
  const result = await fanOut(o.regions, async (region) => {
    const ec2 = o.ec2(region);
    const [types, offerings, prices] = await Promise.all([
      describeInstanceTypes(ec2),
      describeAzOfferings(ec2),
      o.prices?.(region),
    ]);
    return { types, offerings, prices };
  });
  for (const f of result.failed) o.onRegionError?.(f.region, f.error);
  const types = new Map<string, CatalogInstanceType>();
  const offerings: Record<string, Record<string, string[]>> = {};
  const prices: Record<string, RegionPrices> = {};
  for (const { region, value } of result.ok) {
    for (const t of value.types) types.set(t.instanceType, t);
    offerings[region] = value.offerings;
    if (value.prices) prices[region] = value.prices;
  }
  const today = o.now.toISOString().slice(0, 10);
  const sources: CatalogSource[] = [
    { name: 'EC2 DescribeInstanceTypes and DescribeInstanceTypeOfferings (live)', asOf: today },
  ];
  const priceSources = new Set(Object.values(prices).map((p) => `${p.source}@${p.asOf}`));
  for (const s of priceSources) {
    const [name = s, asOf = today] = s.split('@');
    sources.push({ name, asOf });
  }
  if (o.spotAdvisor) sources.push({ name: o.spotAdvisor.source, asOf: o.spotAdvisor.asOf });
  return assembleCatalog({
    generatedAt: o.now.toISOString(),
    sources,
    types: [...types.values()],
    offerings,
    prices,
    ...(o.spotAdvisor ? { spotAdvisor: o.spotAdvisor } : {}),
  });
}
