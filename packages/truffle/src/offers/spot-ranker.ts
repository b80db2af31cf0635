import { type CatalogInstanceType, loadCatalog, spotAdvisor } from '@truffle-spawn/core/catalog';

/**
 * The best Spot Advisor interruption range (0 = `<5%`) of a type across `regions`, from the catalog's
 * Spot Advisor data; undefined where none is published.
 */
export async function spotRanker(
  regions: readonly string[],
): Promise<(t: CatalogInstanceType) => number | undefined> {
  const catalog = await loadCatalog();
  const ranges = catalog.spotAdvisor?.ranges ?? [];
  return (t) => {
    let best: number | undefined;
    for (const region of regions) {
      const sa = spotAdvisor(catalog, t.instanceType, region);
      const i = sa ? ranges.indexOf(sa.interruptionFrequency) : -1;
      if (i >= 0 && (best === undefined || i < best)) best = i;
    }
    return best;
  };
}
