import type { LaunchSpec } from '@truffle-spawn/core/launch';

/** Fills the on-demand price from the offline catalog when no piped offer carried one. */
export async function withCatalogPrice(spec: LaunchSpec): Promise<{ spec: LaunchSpec; note?: string }> {
  if (
    spec.onDemandPricePerHour !== undefined &&
    (spec.pricePerHour !== undefined || spec.market === 'on-demand')
  )
    return { spec };
  try {
    const { loadCatalog, onDemandPrice } = await import('@truffle-spawn/core/catalog');
    const price = onDemandPrice(await loadCatalog(), spec.instanceType, spec.region);
    if (!price) return { spec };
    const filled = { ...spec, onDemandPricePerHour: price.usdPerHour };
    if (spec.market === 'on-demand') filled.pricePerHour ??= price.usdPerHour;
    return {
      spec: filled,
      note: `on-demand price from the offline catalog (${price.source}, as of ${price.asOf})`,
    };
  } catch {
    // No catalog (e.g. a development checkout before the data build): the estimate says "unknown".
    return { spec };
  }
}
