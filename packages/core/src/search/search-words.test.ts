import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { onDemandPrice } from '../catalog/lookups.ts';
import type { Catalog, CatalogInstanceType } from '../catalog/types.ts';
import { categoryOf, gpuMemoryEachGiB, hasNvme, isGraviton, networkGbps, sizeOf } from './_specs.ts';
import { rankResults } from './rank-results.ts';
import { searchQuery } from './search-instance-types.ts';
import type { SearchFilters, SearchResult } from './types.ts';

// Realistic word queries (issue 11: 12 of 12 failed before), answered from the committed catalog with
// its us-east-1 prices, the way `truffle search` ranks them.
let catalog: Catalog;
let price: (t: CatalogInstanceType) => number | undefined;
beforeAll(async () => {
  catalog = await loadCatalog();
  price = (t) => onDemandPrice(catalog, t.instanceType, 'us-east-1')?.usdPerHour;
});

const search = (query: string, filters: SearchFilters = { generations: 'prefer-current' }) =>
  searchQuery(catalog.types, query, filters, { price }).results;
const names = (rs: SearchResult[]) => rs.map((r) => r.type.instanceType);
const gib = (t: CatalogInstanceType) => t.memoryMiB / 1024;

interface Row {
  query: string;
  first?: string;
  all: (t: CatalogInstanceType) => boolean;
  includes?: string[];
  excludes?: string[];
  /** The first result passes this (e.g. the smallest fitting size). */
  firstIs?: (t: CatalogInstanceType) => boolean;
}

const rows: Row[] = [
  {
    query: 'graviton large',
    first: 't4g.large',
    all: (t) => isGraviton(t) && sizeOf(t) === 'large' && t.gpus === undefined,
    includes: ['c7g.large', 'm7g.large', 'r8g.large'],
  },
  {
    query: 'cheapest gpu 24gb',
    first: 'g6.xlarge',
    all: (t) => t.gpus?.kind === 'gpu' && (gpuMemoryEachGiB(t) ?? 0) >= 22,
    includes: ['g5.xlarge', 'p5.48xlarge'],
    excludes: ['g4dn.xlarge', 'inf2.xlarge'],
  },
  {
    query: 'memory optimized arm 64gb',
    all: (t) => categoryOf(t) === 'memory' && t.architectures.includes('arm64') && gib(t) >= 64,
    includes: ['r7g.2xlarge', 'r8g.2xlarge', 'r6g.2xlarge'],
    firstIs: (t) => gib(t) === 64,
  },
  {
    query: '8 vcpu 32gb',
    all: (t) => t.vcpus >= 8 && gib(t) >= 32,
    includes: ['m7i.2xlarge', 'm7g.2xlarge'],
    firstIs: (t) => t.vcpus === 8 && gib(t) === 32,
  },
  {
    query: 'intel',
    all: (t) => t.processor === 'Intel',
    includes: ['m7i.large'],
    firstIs: (t) => !t.family.startsWith('inf'),
  },
  { query: 'graviton', all: isGraviton, first: 't4g.nano', excludes: ['m7i.large'] },
  {
    query: 'compute optimized graviton4 xlarge',
    first: 'c8g.xlarge',
    all: (t) => categoryOf(t) === 'compute' && t.family.includes('8g') && sizeOf(t) === 'xlarge',
  },
  {
    query: '100gbps efa',
    all: (t) => (networkGbps(t) ?? 0) >= 100,
    includes: ['p5.48xlarge', 'hpc7g.16xlarge', 'c7gn.16xlarge'],
    excludes: ['m7i.large'],
  },
  {
    query: 'nvme storage',
    all: (t) => categoryOf(t) === 'storage' && hasNvme(t),
    includes: ['i4i.large', 'i7ie.large'],
    excludes: ['h1.2xlarge', 'i2.xlarge'],
  },
  {
    query: 'latest general purpose large',
    all: (t) => categoryOf(t) === 'general' && sizeOf(t) === 'large',
    includes: ['m8g.large', 'm8i.large', 't4g.large'],
    excludes: ['m7i.large', 't3.large', 'm6g.large'],
  },
  {
    query: 'h100 8 gpus',
    first: 'p5.48xlarge',
    all: (t) => t.gpus?.model === 'H100' && t.gpus.count >= 8,
  },
  {
    query: 'a100 80gb',
    all: (t) => t.gpus?.model === 'A100' && (t.gpus.memoryMiB ?? 0) >= 80 * 1024,
    includes: ['p4de.24xlarge'],
    excludes: ['p4d.24xlarge'],
  },
  { query: 'burstable arm', first: 't4g.nano', all: (t) => t.family === 't4g' },
  {
    query: 'cheapest amd 16 vcpu',
    all: (t) => t.processor === 'AMD' && t.vcpus >= 16,
    firstIs: (t) => t.vcpus === 16,
  },
  { query: '48xl', all: (t) => sizeOf(t) === '48xlarge', includes: ['m7i.48xlarge', 'c7a.48xlarge'] },
  { query: 'accelerated 2 gpus', all: (t) => (t.gpus?.count ?? 0) >= 2, includes: ['g5.12xlarge'] },
];

describe('realistic word queries', () => {
  it.each(rows)('$query', (row) => {
    const results = search(row.query);
    expect(results.length, row.query).toBeGreaterThan(0);
    expect(results[0]?.match).toBe('words');
    for (const r of results) expect(row.all(r.type), r.type.instanceType).toBe(true);
    const found = names(results);
    if (row.first) expect(found[0]).toBe(row.first);
    if (row.firstIs) expect(row.firstIs(results[0]?.type as CatalogInstanceType), found[0]).toBe(true);
    for (const n of row.includes ?? []) expect(found).toContain(n);
    for (const n of row.excludes ?? []) expect(found).not.toContain(n);
  });
});

describe('ranking', () => {
  it('exact > glob > family > accelerator > words > fuzzy, whatever the price', () => {
    const t = (n: string) => catalog.types.find((x) => x.instanceType === n) as CatalogInstanceType;
    const ranked = rankResults(
      [
        { type: t('t3.nano'), match: 'fuzzy', score: 0 },
        { type: t('t3.micro'), match: 'words', score: 0 },
        { type: t('p5.48xlarge'), match: 'accelerator', score: 0 },
        { type: t('m7i.large'), match: 'family', score: 0 },
        { type: t('c7g.large'), match: 'glob', score: 0 },
        { type: t('x2gd.metal'), match: 'exact', score: 0 },
      ],
      { price },
    );
    expect(ranked.map((r) => r.match)).toEqual(['exact', 'glob', 'family', 'accelerator', 'words', 'fuzzy']);
  });

  it('m*.large with every generation starts with current ones, never m1.large', () => {
    const found = names(search('m*.large', { generations: 'all' }));
    expect(found[0]).not.toBe('m1.large');
    const current = new Set(catalog.types.filter((t) => t.currentGeneration).map((t) => t.instanceType));
    const firstOld = found.findIndex((n) => !current.has(n));
    expect(found.slice(firstOld).every((n) => /^m[1-6]/.test(n))).toBe(true);
    expect(found).toContain('m1.large');
  });

  it('m*.large by default keeps only current generations', () => {
    const found = search('m*.large');
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((r) => r.type.currentGeneration)).toBe(true);
  });

  it('previous-generation types are kept when the query names nothing else (m1, m1.large)', () => {
    expect(names(search('m1'))).toContain('m1.large');
    expect(names(search('m1.large'))).toEqual(['m1.large']);
  });

  it('t4 means NVIDIA T4 (g4dn) before T4g (g5g), though g5g is cheaper', () => {
    const found = search('t4');
    expect(found[0]?.type.instanceType).toBe('g4dn.xlarge');
    const lastT4 = found.map((r) => r.type.gpus?.model).lastIndexOf('T4');
    const firstT4g = found.map((r) => r.type.gpus?.model).indexOf('T4g');
    expect(firstT4g).toBeGreaterThan(lastT4);
  });

  it("no tie-break on a name's first letters: graviton is not g5g, intel is not inf1", () => {
    expect(search('graviton')[0]?.type.family).not.toBe('g5g');
    // inf1 has Intel CPUs, so it may appear, but only where its price puts it.
    expect(names(search('intel').slice(0, 20)).some((n) => n.startsWith('inf'))).toBe(false);
  });

  it('within a class, cheaper first, then name', () => {
    const found = search('c7g');
    const prices = found.map((r) => price(r.type) ?? Number.POSITIVE_INFINITY);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  });

  it.each([
    ['vcpus', (t: CatalogInstanceType) => t.vcpus],
    ['memory', (t: CatalogInstanceType) => t.memoryMiB],
    ['price', (t: CatalogInstanceType) => price(t) ?? Number.POSITIVE_INFINITY],
  ] as const)('--sort %s orders by it', (sort, key) => {
    const found = searchQuery(catalog.types, 'graviton', {}, { price, sort }).results.map((r) => key(r.type));
    expect([...found].sort((a, b) => a - b)).toEqual(found);
  });

  it('--sort name is alphabetical', () => {
    const found = names(searchQuery(catalog.types, 'm7i', {}, { price, sort: 'name' }).results);
    expect([...found].sort()).toEqual(found);
  });

  it('--sort interruption puts known low buckets first, unknown last', () => {
    const bucket: Record<string, number> = { 'm7g.large': 0, 'c7g.large': 3 };
    const found = names(
      searchQuery(
        catalog.types,
        'graviton large',
        {},
        { price, sort: 'interruption', interruption: (t) => bucket[t.instanceType] },
      ).results,
    );
    expect(found.slice(0, 2)).toEqual(['m7g.large', 'c7g.large']);
  });

  it('cheapest sorts by price; spot sorts by interruption', () => {
    expect(searchQuery(catalog.types, 'cheapest graviton').sort).toBe('price');
    expect(searchQuery(catalog.types, 'spot graviton').spot).toBe(true);
  });
});
