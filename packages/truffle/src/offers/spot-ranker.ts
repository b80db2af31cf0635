import { type CatalogInstanceType, loadCatalog, spotAdvisor } from '@truffle-spawn/core/catalog';

export interface SpotRanker {
  /** Best Spot Advisor range index across the regions (0 = `<5%`); undefined where nothing is published. */
  rank: (t: CatalogInstanceType) => number | undefined;
  /** The bucket label (`<5%`) of a type in one region. */
  bucket: (type: string, region: string) => string | undefined;
}

/** Interruption facts for ranking and showing search results, from the catalog's Spot Advisor data. */
export async function spotRanker(regions: readonly string[]): Promise<SpotRanker> {
  const catalog = await loadCatalog();
  const ranges = catalog.spotAdvisor?.ranges ?? [];
  const bucket = (type: string, region: string) => spotAdvisor(catalog, type, region)?.interruptionFrequency;
  const rank = (t: CatalogInstanceType) => {
    let best: number | undefined;
    for (const region of regions) {
      const i = ranges.indexOf(bucket(t.instanceType, region) ?? '');
      if (i >= 0 && (best === undefined || i < best)) best = i;
    }
    return best;
  };
  return { rank, bucket };
}
