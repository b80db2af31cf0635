import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { CatalogInstanceType } from '../catalog/types.ts';
import { searchInstanceTypes } from './search-instance-types.ts';
import { suggest } from './suggest.ts';
import type { SearchFilters, SearchMatch } from './types.ts';

// Runs against the committed catalog (real EC2 specs from moto's DescribeInstanceTypes snapshot).
let types: CatalogInstanceType[];
beforeAll(async () => {
  types = (await loadCatalog()).types;
});

interface Row {
  query: string;
  filters?: SearchFilters;
  match: SearchMatch;
  /** Expected first result. */
  first?: string;
  /** Every result must pass this. */
  all?: (t: CatalogInstanceType) => boolean;
  /** These must all be in the results. */
  includes?: string[];
  /** None of these may be in the results. */
  excludes?: string[];
}

const model =
  (...models: string[]) =>
  (t: CatalogInstanceType) =>
    models.includes(t.gpus?.model ?? '');
const fam =
  (...families: string[]) =>
  (t: CatalogInstanceType) =>
    families.includes(t.family);

const rows: Row[] = [
  { query: 'm7i.large', match: 'exact', first: 'm7i.large' },
  { query: 'M7I.LARGE', match: 'exact', first: 'm7i.large' },
  { query: '  c7g.xlarge ', match: 'exact', first: 'c7g.xlarge' },
  { query: 'p5.48xlarge', match: 'exact', first: 'p5.48xlarge' },
  { query: 'm7i.*', match: 'glob', first: 'm7i.large', all: fam('m7i'), includes: ['m7i.48xlarge'] },
  {
    query: '*.xlarge',
    match: 'glob',
    all: (t) => t.instanceType.endsWith('.xlarge'),
    includes: ['m7i.xlarge'],
  },
  {
    query: 'c7?.large',
    match: 'glob',
    includes: ['c7g.large', 'c7i.large', 'c7a.large'],
    excludes: ['c7gn.large'],
  },
  { query: 'p5*', match: 'glob', includes: ['p5.48xlarge', 'p5e.48xlarge', 'p5en.48xlarge'] },
  { query: 'c7gnx', match: 'fuzzy', includes: ['c7gn.large'] },
  { query: 'graviten', match: 'fuzzy' },
  { query: 'c7g', match: 'family', first: 'c7g.medium', all: fam('c7g') },
  { query: 'm7i', match: 'family', all: fam('m7i'), includes: ['m7i.large', 'm7i.metal-24xl'] },
  { query: 'p5', match: 'family', all: fam('p5'), includes: ['p5.48xlarge'] },
  { query: 't4g', match: 'family', all: fam('t4g'), first: 't4g.nano' },
  { query: 'trn2', match: 'family', all: fam('trn2') },
  { query: 'h100', match: 'accelerator', all: model('H100'), includes: ['p5.48xlarge'] },
  { query: 'H100', match: 'accelerator', all: model('H100') },
  { query: 'a100', match: 'accelerator', all: model('A100'), includes: ['p4d.24xlarge', 'p4de.24xlarge'] },
  { query: 'a10g', match: 'accelerator', all: model('A10G'), includes: ['g5.xlarge'] },
  { query: 'l4', match: 'accelerator', all: model('L4'), includes: ['g6.xlarge'], excludes: ['g6e.xlarge'] },
  { query: 'l40s', match: 'accelerator', all: model('L40S'), includes: ['g6e.xlarge'] },
  { query: 't4', match: 'accelerator', all: model('T4', 'T4g'), includes: ['g4dn.xlarge', 'g5g.xlarge'] },
  { query: 'h200', match: 'accelerator', all: model('H200'), includes: ['p5e.48xlarge'] },
  { query: 'v100', match: 'accelerator', all: model('V100') },
  { query: 'b200', match: 'accelerator', all: model('B200') },
  {
    query: 'trainium',
    match: 'accelerator',
    all: model('Trainium', 'Trainium2'),
    includes: ['trn1.2xlarge', 'trn2.48xlarge'],
  },
  { query: 'trainium2', match: 'accelerator', all: model('Trainium2'), includes: ['trn2.48xlarge'] },
  {
    query: 'inferentia',
    match: 'accelerator',
    all: model('Inferentia', 'Inferentia2'),
    includes: ['inf1.xlarge', 'inf2.xlarge'],
  },
  { query: 'inferentia2', match: 'accelerator', all: model('Inferentia2'), excludes: ['inf1.xlarge'] },
  { query: 'gaudi', match: 'accelerator', includes: ['dl1.24xlarge'] },
  {
    query: 'graviton',
    match: 'words',
    all: (t) => t.processor === 'AWS' && t.architectures.includes('arm64'),
    includes: ['c7g.large', 'm8g.large', 'a1.large'],
    excludes: ['m7i.large', 'mac2.metal'],
  },
  {
    query: 'gpu',
    match: 'words',
    all: (t) => t.gpus?.kind === 'gpu',
    includes: ['g5.xlarge', 'p5.48xlarge'],
    excludes: ['trn1.2xlarge', 'm7i.large'],
  },
  { query: 'graviton gpu', match: 'words', all: fam('g5g'), includes: ['g5g.xlarge'] },
  { query: 'nvidia', match: 'words', all: (t) => t.gpus?.manufacturer === 'NVIDIA' },
  { query: 'fpga', match: 'words', all: (t) => t.gpus?.kind === 'fpga' },
  { query: 'c7g graviton', match: 'words', all: fam('c7g') },
  {
    query: 'gpu',
    filters: { minVcpus: 8, maxVcpus: 16 },
    match: 'words',
    all: (t) => t.vcpus >= 8 && t.vcpus <= 16,
  },
  {
    query: 'm7i',
    filters: { minMemoryGiB: 64, maxMemoryGiB: 128 },
    match: 'family',
    all: (t) => t.memoryMiB >= 65536 && t.memoryMiB <= 131072,
    includes: ['m7i.4xlarge', 'm7i.8xlarge'],
  },
  {
    query: '*.large',
    filters: { arch: 'arm64' },
    match: 'glob',
    all: (t) => t.architectures.includes('arm64'),
    excludes: ['m7i.large'],
  },
  {
    query: 'gpu',
    filters: { gpus: 8 },
    match: 'words',
    all: (t) => (t.gpus?.count ?? 0) >= 8,
    includes: ['p5.48xlarge'],
  },
  { query: 'gpu', filters: { gpuModel: 'a10g' }, match: 'words', all: model('A10G') },
  { query: '*', filters: { family: 'c7g' }, match: 'glob', all: fam('c7g') },
  { query: 'm7i', filters: { hibernation: true }, match: 'family', all: (t) => t.supportsHibernation },
  { query: 'm7i', filters: { limit: 3 }, match: 'family', first: 'm7i.large' },
];

describe('searchInstanceTypes', () => {
  it.each(rows)('$query $filters', (row) => {
    const results = searchInstanceTypes(types, row.query, row.filters);
    expect(results.length).toBeGreaterThan(0);
    if (row.filters?.limit) expect(results.length).toBeLessThanOrEqual(row.filters.limit);
    expect(results[0]?.match).toBe(row.match);
    if (row.first) expect(results[0]?.type.instanceType).toBe(row.first);
    const names = results.map((r) => r.type.instanceType);
    for (const r of results) if (row.all) expect(row.all(r.type), r.type.instanceType).toBe(true);
    for (const n of row.includes ?? []) expect(names).toContain(n);
    for (const n of row.excludes ?? []) expect(names).not.toContain(n);
  });

  // Issue 11: a name-shaped query is matched exactly or not at all (these were fuzzy hits before).
  it.each([
    ['m7i.larg', 'm7i.large'],
    ['m7i.lrage', 'm7i.large'],
    ['m7.large', 'm7i.large'],
    ['c7gn.2xl', 'c7gn.2xlarge'],
    ['r7iz.xlage', 'r7iz.xlarge'],
    ['t3.micr', 't3.micro'],
    ['t3.mircro', 't3.micro'],
    ['g5.xlarg', 'g5.xlarge'],
    ['m9z.large', undefined],
  ])('%s finds nothing (never a look-alike), and suggests %s', (query, idea) => {
    expect(searchInstanceTypes(types, query)).toEqual([]);
    if (idea) expect(suggest(types, query)).toContain(idea);
  });

  it('suggests the three m7 families for m7.large', () => {
    expect(suggest(types, 'm7.large')).toEqual(
      expect.arrayContaining(['m7a.large', 'm7g.large', 'm7i.large']),
    );
  });

  it('drops types without a price when --max-price is set, and keeps only cheap enough ones', () => {
    const prices: Record<string, number> = { 'm7i.large': 0.1008, 'm7i.xlarge': 0.2016 };
    const results = searchInstanceTypes(
      types,
      'm7i',
      { maxPrice: 0.15 },
      { price: (t) => prices[t.instanceType] },
    );
    expect(results.map((r) => r.type.instanceType)).toEqual(['m7i.large']);
  });

  it('finds nothing for nonsense and suggests nothing wild', () => {
    expect(searchInstanceTypes(types, 'zzzzqqq')).toEqual([]);
  });

  it('returns nothing when filters exclude every match', () => {
    expect(searchInstanceTypes(types, 'h100', { maxVcpus: 2 })).toEqual([]);
  });
});

describe('suggest', () => {
  it.each([
    ['m7i.larg', 'm7i.large'],
    ['m9i.*', 'm6i'],
    ['c7x', 'c7g'],
    ['p5.48xl', 'p5.48xlarge'],
  ])('%s suggests %s', (query, expected) => {
    expect(suggest(types, query).some((s) => s.startsWith(expected))).toBe(true);
  });
});
