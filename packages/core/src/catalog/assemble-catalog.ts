import type { Catalog, CatalogInstanceType, CatalogSource, RegionOfferings, RegionPrices } from './types.ts';

/** Spot Advisor input in plain shape: per region, per type, savings % and interruption range index. */
export interface SpotAdvisorInput {
  asOf: string;
  source: string;
  ranges: string[];
  regions: Record<string, Record<string, { savingsPercent: number; range: number }>>;
}

/** Everything a catalog is built from, in plain shapes (from moto snapshots, files or live AWS). */
export interface CatalogInputs {
  generatedAt: string;
  sources: CatalogSource[];
  types: CatalogInstanceType[];
  /** Per region, per instance type: the AZs where it is offered. */
  offerings: Record<string, Record<string, string[]>>;
  prices: Record<string, RegionPrices>;
  /** Names of priced types no spec source describes (kept by name only). */
  unspecified?: string[];
  spotAdvisor?: SpotAdvisorInput;
}

/**
 * Builds the compact catalog: types sorted by name, per-region offerings and spot figures as
 * strings aligned with that order (fast to parse), asOf = the newest source date.
 */
export function assembleCatalog(inputs: CatalogInputs): Catalog {
  const types = [...inputs.types].sort((a, b) => (a.instanceType < b.instanceType ? -1 : 1));
  const names = types.map((t) => t.instanceType);
  const offerings: Record<string, RegionOfferings> = {};
  for (const region of Object.keys(inputs.offerings).sort()) {
    offerings[region] = compactOfferings(inputs.offerings[region] ?? {}, names);
  }
  const dates = inputs.sources.map((s) => s.asOf).sort();
  const sa = inputs.spotAdvisor;
  return {
    formatVersion: 1,
    generatedAt: inputs.generatedAt,
    asOf: dates.at(-1) ?? inputs.generatedAt.slice(0, 10),
    sources: inputs.sources,
    types,
    offerings,
    prices: inputs.prices,
    ...(inputs.unspecified?.length ? { unspecified: [...inputs.unspecified].sort() } : {}),
    ...(sa
      ? {
          spotAdvisor: {
            asOf: sa.asOf,
            source: sa.source,
            ranges: sa.ranges,
            regions: Object.fromEntries(
              Object.entries(sa.regions).map(([region, byType]) => [
                region,
                names
                  .map((n) => (byType[n] ? byType[n].savingsPercent * 10 + byType[n].range : ''))
                  .join(','),
              ]),
            ),
          },
        }
      : {}),
  };
}

function compactOfferings(byType: Record<string, string[]>, names: string[]): RegionOfferings {
  const azs = [...new Set(Object.values(byType).flat())].sort();
  if (azs.length > 31) throw new Error('more than 31 AZs in one region do not fit the offerings bit mask');
  const masks = names.map((name) => {
    let mask = 0;
    for (const az of byType[name] ?? []) mask |= 1 << azs.indexOf(az);
    return mask === 0 ? '' : mask.toString(36);
  });
  return { azs, masks: masks.join(',') };
}
