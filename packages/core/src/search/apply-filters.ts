import type { CatalogInstanceType } from '../catalog/types.ts';
import { gpuMemoryTotalGiB, hasEfa, hasNvme, networkGbps } from './_specs.ts';
import { acceleratorModelsFor, normalizeModel } from './accelerator-aliases.ts';
import type { SearchFilters } from './types.ts';

const MIB_PER_GIB = 1024;

/**
 * True when `t` passes every filter that is set; `price` answers `maxPrice`. `generations` is not
 * checked here: `prefer-current` depends on the other results (see searchInstanceTypes).
 */
export function matchesFilters(
  t: CatalogInstanceType,
  f: SearchFilters,
  price?: (t: CatalogInstanceType) => number | undefined,
): boolean {
  const gib = t.memoryMiB / MIB_PER_GIB;
  if (f.minVcpus !== undefined && t.vcpus < f.minVcpus) return false;
  if (f.maxVcpus !== undefined && t.vcpus > f.maxVcpus) return false;
  if (f.minMemoryGiB !== undefined && gib < f.minMemoryGiB) return false;
  if (f.maxMemoryGiB !== undefined && gib > f.maxMemoryGiB) return false;
  if (f.arch !== undefined && !t.architectures.includes(f.arch)) return false;
  if (f.gpus !== undefined && f.gpus > 0 && (t.gpus?.count ?? 0) < f.gpus) return false;
  if (f.gpuModel !== undefined) {
    const models = acceleratorModelsFor(f.gpuModel);
    if (!t.gpus || !models.includes(normalizeModel(t.gpus.model))) return false;
  }
  if (f.minGpuMemoryGiB !== undefined && (gpuMemoryTotalGiB(t) ?? 0) < f.minGpuMemoryGiB) return false;
  if (
    f.gpuManufacturer !== undefined &&
    normalizeModel(t.gpus?.manufacturer ?? '') !== normalizeModel(f.gpuManufacturer)
  )
    return false;
  if (f.minNetworkGbps !== undefined && (networkGbps(t) ?? 0) < f.minNetworkGbps) return false;
  if (f.efa && !hasEfa(t)) return false;
  if (f.localStorage && !hasNvme(t)) return false;
  if (f.generations === 'current' && !t.currentGeneration) return false;
  if (f.burstable !== undefined && (t.burstable === true) !== f.burstable) return false;
  if (f.deny?.test(t.instanceType)) return false;
  if (f.allow && !f.allow.test(t.instanceType)) return false;
  if (f.family !== undefined && t.family !== f.family.toLowerCase()) return false;
  if (f.hibernation && !t.supportsHibernation) return false;
  if (f.maxPrice !== undefined) {
    const p = price?.(t);
    if (p === undefined || p > f.maxPrice) return false;
  }
  return true;
}
