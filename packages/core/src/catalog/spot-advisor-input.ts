import { regionSpotCodes } from './_catalog-index.ts';
import type { SpotAdvisorInput } from './assemble-catalog.ts';
import type { Catalog } from './types.ts';

/** A catalog's Spot Advisor figures in plain shape, to carry them into a rebuilt catalog. */
export function spotAdvisorInputOf(catalog: Catalog): SpotAdvisorInput | undefined {
  const sa = catalog.spotAdvisor;
  if (!sa) return undefined;
  const regions: SpotAdvisorInput['regions'] = {};
  for (const region of Object.keys(sa.regions)) {
    const codes = regionSpotCodes(catalog, region) ?? [];
    const byType: SpotAdvisorInput['regions'][string] = {};
    codes.forEach((code, i) => {
      const name = catalog.types[i]?.instanceType;
      if (code !== undefined && name)
        byType[name] = { savingsPercent: Math.floor(code / 10), range: code % 10 };
    });
    regions[region] = byType;
  }
  return { asOf: sa.asOf, source: sa.source, ranges: sa.ranges, regions };
}
