import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { CatalogInstanceType } from '../catalog/types.ts';
import { parseQuery } from './parse-query.ts';

let types: CatalogInstanceType[];
beforeAll(async () => {
  types = (await loadCatalog()).types;
});

// What each query means, term by term (order kept), and what is left over.
const rows: { query: string; terms: string[]; unknown?: string[]; sort?: 'price'; spot?: boolean }[] = [
  { query: '8 vcpu', terms: ['vcpus>=8'] },
  { query: '8vcpus', terms: ['vcpus>=8'] },
  { query: '16 cores', terms: ['vcpus>=16'] },
  { query: '32gb', terms: ['memory>=32GiB'] },
  { query: '64 gib', terms: ['memory>=64GiB'] },
  { query: '1tb', terms: ['memory>=1024GiB'] },
  { query: '32gb ram', terms: ['memory>=32GiB'] },
  { query: '24gb gpu', terms: ['gpuMemory>=24GB'] },
  { query: 'gpu 24gb', terms: ['gpu', 'gpuMemory>=24GB'] },
  { query: '48 gb vram', terms: ['gpuMemory>=48GB'] },
  { query: 'a100 80gb', terms: ['accelerator=a100', 'gpuMemory>=80GB'] },
  { query: 'a100 8 vcpu 80gb', terms: ['accelerator=a100', 'vcpus>=8', 'memory>=80GiB'] },
  { query: '100gbps', terms: ['network>=100Gbps'] },
  { query: '25 gbit', terms: ['network>=25Gbps'] },
  { query: '4 gpus', terms: ['gpus>=4'] },
  { query: '8x h100', terms: ['gpus>=8', 'accelerator=h100'] },
  { query: 'medium', terms: ['size=medium'] },
  { query: 'large', terms: ['size=large'] },
  { query: 'xlarge', terms: ['size=xlarge'] },
  { query: 'xl', terms: ['size=xlarge'] },
  { query: '48xl', terms: ['size=48xlarge'] },
  { query: '2xlarge', terms: ['size=2xlarge'] },
  { query: 'general purpose', terms: ['category=general'] },
  { query: 'compute optimized', terms: ['category=compute'] },
  { query: 'compute-optimized', terms: ['category=compute'] },
  { query: 'memory optimized', terms: ['category=memory'] },
  { query: 'storage', terms: ['category=storage'] },
  { query: 'accelerated', terms: ['category=accelerated'] },
  { query: 'burstable', terms: ['burstable'] },
  { query: 'graviton', terms: ['graviton'] },
  { query: 'graviton4', terms: ['graviton=4'] },
  { query: 'graviton 3', terms: ['graviton=3'] },
  { query: 'arm', terms: ['arm'] },
  { query: 'intel', terms: ['intel'] },
  { query: 'amd', terms: ['amd'] },
  { query: 'gpu', terms: ['gpu'] },
  { query: 'efa', terms: ['efa'] },
  { query: 'nvme', terms: ['nvme'] },
  { query: 'spot', terms: [], spot: true },
  { query: 'cheapest', terms: [], sort: 'price' },
  { query: 'latest', terms: ['latest'] },
  { query: 'current', terms: ['current-generation'] },
  { query: 'c7g', terms: ['family=c7g'] },
  { query: 'inf1', terms: ['family=inf1'] },
  { query: 'h100', terms: ['accelerator=h100'] },
  { query: 't4', terms: ['accelerator=t4|t4g'] },
  { query: 'graviton large', terms: ['graviton', 'size=large'] },
  { query: 'cheapest gpu 24gb', terms: ['gpu', 'gpuMemory>=24GB'], sort: 'price' },
  { query: 'memory optimized arm 64gb', terms: ['category=memory', 'arm', 'memory>=64GiB'] },
  { query: 'Intel, 8 vCPU, 32 GB', terms: ['intel', 'vcpus>=8', 'memory>=32GiB'] },
  { query: 'an instance with 8 vcpus', terms: ['vcpus>=8'] },
  { query: 'graviton bananas', terms: ['graviton'], unknown: ['bananas'] },
  { query: '8', terms: [], unknown: ['8'] },
  { query: '8 bananas', terms: [], unknown: ['8', 'bananas'] },
];

describe('parseQuery', () => {
  it.each(rows)('$query', (row) => {
    const parsed = parseQuery(types, row.query);
    expect(parsed.terms.map((t) => t.meaning)).toEqual(row.terms);
    expect(parsed.unknown).toEqual(row.unknown ?? []);
    expect(parsed.sort).toBe(row.sort);
    expect(parsed.spot).toBe(row.spot ?? false);
  });

  it('labels family and accelerator terms so the match class can be told', () => {
    expect(parseQuery(types, 'c7g').terms[0]?.match).toBe('family');
    expect(parseQuery(types, 'h100').terms[0]?.match).toBe('accelerator');
    expect(parseQuery(types, 'large').terms[0]?.match).toBe('words');
  });
});
