import type { CatalogInstanceType } from '../catalog/types.ts';

/** Specs derived from a catalog entry that the catalog does not store as such. */

/** Network bandwidth in Gbps: "Up to 12.5 Gigabit" → 12.5, "4x 100 Gigabit" → 400; words ("High") → undefined. */
export function networkGbps(t: CatalogInstanceType): number | undefined {
  if (t.networkGbps !== undefined) return t.networkGbps;
  const m = /^(?:up to\s+)?(?:(\d+)x\s+)?(\d+(?:\.\d+)?)\s*gigabit/i.exec(t.networkPerformance ?? '');
  if (!m) return undefined;
  return Number(m[1] ?? 1) * Number(m[2]);
}

/** The part after the dot: `large`, `48xlarge`, `metal-24xl`. */
export function sizeOf(t: CatalogInstanceType): string {
  return t.instanceType.slice(t.instanceType.indexOf('.') + 1);
}

/** Letters before the family's generation digit: `m` for m7i, `inf` for inf2, `u` for u-6tb1. */
export function familyPrefix(family: string): string {
  return /^[a-z]+/.exec(family)?.[0] ?? family;
}

export type Category = 'general' | 'compute' | 'memory' | 'storage' | 'accelerated' | 'hpc';

const CATEGORY_BY_PREFIX: Readonly<Record<string, Category>> = {
  m: 'general',
  t: 'general',
  a: 'general',
  mac: 'general',
  c: 'compute',
  r: 'memory',
  x: 'memory',
  u: 'memory',
  z: 'memory',
  i: 'storage',
  im: 'storage',
  is: 'storage',
  d: 'storage',
  h: 'storage',
  p: 'accelerated',
  g: 'accelerated',
  gr: 'accelerated',
  inf: 'accelerated',
  trn: 'accelerated',
  dl: 'accelerated',
  f: 'accelerated',
  vt: 'accelerated',
  hpc: 'hpc',
};

/** AWS's instance category, read from the family letters (the way AWS names them). */
export function categoryOf(t: CatalogInstanceType): Category | undefined {
  return CATEGORY_BY_PREFIX[familyPrefix(t.family)];
}

/** True for AWS Graviton (every arm64 EC2 processor made by AWS). */
export function isGraviton(t: CatalogInstanceType): boolean {
  return t.architectures.includes('arm64') && t.processor === 'AWS';
}

/** 1-4 for Graviton types (a1 = 1; 6th-gen families and t4g/x2gd/im4gn/is4gen/g5g = 2; 7 = 3; 8 = 4). */
export function gravitonGeneration(t: CatalogInstanceType): number | undefined {
  if (!isGraviton(t)) return undefined;
  if (t.family === 'a1') return 1;
  if (/^(t4g|x2gd|im4gn|is4gen|g5g|i4g)$/.test(t.family)) return 2;
  const gen = Number(t.generation ?? /\d+/.exec(t.family)?.[0]);
  return gen >= 6 ? gen - 4 : undefined;
}

/** Memory of one accelerator in GiB (undefined without accelerators or without the figure). */
export function gpuMemoryEachGiB(t: CatalogInstanceType): number | undefined {
  return t.gpus?.memoryMiB === undefined ? undefined : t.gpus.memoryMiB / 1024;
}

/** Memory of all accelerators together in GiB. */
export function gpuMemoryTotalGiB(t: CatalogInstanceType): number | undefined {
  const total = t.gpus?.totalMemoryMiB;
  if (total !== undefined) return total / 1024;
  const each = gpuMemoryEachGiB(t);
  return each === undefined || !t.gpus ? undefined : each * t.gpus.count;
}

/**
 * Elastic Fabric Adapter support, as the catalog records it (`efa`); for entries from an older catalog
 * without those facts, read from bandwidth:
 * every type with 100 Gbps or more supports EFA (c5n.18xlarge, c6gn.16xlarge, p4d, p5, hpc*, trn*).
 */
export function hasEfa(t: CatalogInstanceType): boolean {
  if (hasNetworkFacts(t)) return t.efa === true;
  const gbps = networkGbps(t);
  return gbps !== undefined && gbps >= 100 && !/^up to/i.test(t.networkPerformance ?? '');
}

/**
 * Local NVMe instance storage, as the catalog records it (`nvme`); for older entries, read from the
 * family's `d` suffix (m7gd, c6id, r6idn, i4i...) or the storage-optimized families, which all carry NVMe
 * except the HDD ones (d2, d3, d3en, h1) and the old i2 (SATA SSD).
 */
export function hasNvme(t: CatalogInstanceType): boolean {
  if (hasNetworkFacts(t)) return t.nvme === true;
  if (/^(d2|d3|d3en|h1|i2|m3|c3|r3|m1|m2|c1|x1|x1e)$/.test(t.family)) return false;
  const suffix = t.family.replace(/^[a-z]+\d+/, '');
  return /d/.test(suffix.replace(/-.*$/, '')) || NVME_FAMILIES.has(t.family);
}

const NVME_FAMILIES = new Set(
  'i3 i3en i4i i4g i7i i7ie i8g i8ge im4gn is4gen g5 g6 g6e gr6 p5 p5e p5en p6-b200 p6-b300 trn1 trn1n trn2 dl1 f2'.split(
    ' ',
  ),
);

/** `m#i` for m7i: families of one line across generations. */
export function lineOf(family: string): string {
  return family.replace(/\d+/, '#');
}

/** Entries built with the network/storage facts (efa, nvme) carry `networkGbps`; absent flags then mean "no". */
function hasNetworkFacts(t: CatalogInstanceType): boolean {
  return t.networkGbps !== undefined;
}
