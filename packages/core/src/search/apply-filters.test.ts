import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { CatalogInstanceType } from '../catalog/types.ts';
import { matchesFilters } from './apply-filters.ts';
import { searchInstanceTypes } from './search-instance-types.ts';
import type { SearchFilters } from './types.ts';

let byName: Map<string, CatalogInstanceType>;
let types: CatalogInstanceType[];
beforeAll(async () => {
  types = (await loadCatalog()).types;
  byName = new Map(types.map((t) => [t.instanceType, t]));
});

// One row per filter: types that must pass and types that must not (real catalog specs).
const rows: { name: string; f: SearchFilters; pass: string[]; fail: string[] }[] = [
  {
    name: 'vcpus range',
    f: { minVcpus: 4, maxVcpus: 8 },
    pass: ['m7i.xlarge', 'm7i.2xlarge'],
    fail: ['m7i.large', 'm7i.4xlarge'],
  },
  {
    name: 'memory range',
    f: { minMemoryGiB: 16, maxMemoryGiB: 32 },
    pass: ['m7i.xlarge', 'r7i.large'],
    fail: ['m7i.large', 'm7i.4xlarge'],
  },
  { name: 'arch', f: { arch: 'arm64' }, pass: ['c7g.large'], fail: ['c7i.large'] },
  { name: 'gpus', f: { gpus: 4 }, pass: ['g5.12xlarge', 'p5.48xlarge'], fail: ['g5.xlarge', 'm7i.large'] },
  { name: 'gpu model', f: { gpuModel: 'l4' }, pass: ['g6.xlarge'], fail: ['g6e.xlarge', 'g5.xlarge'] },
  {
    name: 'gpu memory (total GiB)',
    f: { minGpuMemoryGiB: 80 },
    pass: ['p5.48xlarge', 'g6e.12xlarge'],
    fail: ['g5.xlarge', 'm7i.large'],
  },
  {
    name: 'gpu manufacturer',
    f: { gpuManufacturer: 'nvidia' },
    pass: ['g5.xlarge'],
    fail: ['g4ad.xlarge', 'inf2.xlarge', 'm7i.large'],
  },
  { name: 'gpu manufacturer amd', f: { gpuManufacturer: 'AMD' }, pass: ['g4ad.xlarge'], fail: ['g5.xlarge'] },
  {
    name: 'network',
    f: { minNetworkGbps: 100 },
    pass: ['c7gn.16xlarge', 'p5.48xlarge'],
    fail: ['m7i.large', 'c7g.16xlarge'],
  },
  { name: 'efa', f: { efa: true }, pass: ['p5.48xlarge', 'hpc7g.16xlarge'], fail: ['m7i.large', 't3.micro'] },
  {
    name: 'local NVMe storage',
    f: { localStorage: true },
    pass: ['i4i.large', 'm7gd.large', 'c6id.large'],
    fail: ['m7i.large', 'c7g.large'],
  },
  {
    name: 'current generation',
    f: { generations: 'current' },
    pass: ['m7i.large'],
    fail: ['m1.large', 'c4.large'],
  },
  { name: 'all generations', f: { generations: 'all' }, pass: ['m7i.large', 'm1.large'], fail: [] },
  { name: 'burstable', f: { burstable: true }, pass: ['t3.micro', 't4g.nano'], fail: ['m7i.large'] },
  { name: 'no burstable', f: { burstable: false }, pass: ['m7i.large'], fail: ['t3.micro', 't4g.nano'] },
  { name: 'deny', f: { deny: /metal|^t/i }, pass: ['m7i.large'], fail: ['m7i.metal-24xl', 't3.micro'] },
  {
    name: 'allow',
    f: { allow: /^c7[gi]\./i },
    pass: ['c7g.large', 'c7i.large'],
    fail: ['c7a.large', 'm7i.large'],
  },
  { name: 'family', f: { family: 'M7I' }, pass: ['m7i.large'], fail: ['m7g.large'] },
  { name: 'hibernation', f: { hibernation: true }, pass: ['m7i.large'], fail: ['p5.48xlarge'] },
];

describe('matchesFilters', () => {
  it.each(rows)('$name', ({ f, pass, fail }) => {
    for (const n of pass) expect(matchesFilters(byName.get(n) as CatalogInstanceType, f), n).toBe(true);
    for (const n of fail) expect(matchesFilters(byName.get(n) as CatalogInstanceType, f), n).toBe(false);
  });

  it('maxPrice drops types without a known price', () => {
    const t = byName.get('m7i.large') as CatalogInstanceType;
    expect(matchesFilters(t, { maxPrice: 1 }, () => 0.1)).toBe(true);
    expect(matchesFilters(t, { maxPrice: 1 }, () => undefined)).toBe(false);
    expect(matchesFilters(t, { maxPrice: 0.05 }, () => 0.1)).toBe(false);
  });

  it('filters alone (no query) list every type that passes', () => {
    const found = searchInstanceTypes(types, '', {
      minVcpus: 8,
      maxVcpus: 8,
      arch: 'arm64',
      burstable: false,
    });
    expect(found.length).toBeGreaterThan(5);
    for (const r of found)
      expect(r.type.vcpus === 8 && r.type.architectures.includes('arm64') && !r.type.burstable).toBe(true);
  });
});
