import { offeredAzs } from '../catalog/lookups.ts';
import type { Catalog } from '../catalog/types.ts';
import { isAccelerated } from './is-accelerated.ts';

/**
 * Instance types worth asking DescribeCapacityBlockOfferings about when the user names none: per
 * accelerated family offered in the region, its largest size (Capacity Blocks sell whole
 * accelerator servers). Chosen from accelerator info and offerings, never from a name list.
 */
export function capacityBlockCandidates(catalog: Catalog, region: string): string[] {
  const largest = new Map<string, { name: string; vcpus: number }>();
  for (const t of catalog.types) {
    if (!isAccelerated(t) || t.instanceType.endsWith('.metal')) continue;
    const azs = offeredAzs(catalog, t.instanceType, region);
    if (azs !== undefined && azs.length === 0) continue;
    const known = largest.get(t.family);
    if (!known || t.vcpus > known.vcpus) largest.set(t.family, { name: t.instanceType, vcpus: t.vcpus });
  }
  return [...largest.values()].map((v) => v.name).sort();
}
