import { offerSchema } from '@truffle-spawn/core/protocol';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './_run-truffle.ts';

// Every search filter flag end to end (in-process CLI, offline catalog, us-east-1 prices).
type Rec = Record<string, unknown> & {
  instanceType: string;
  vcpus: number;
  memoryMiB: number;
  gpus?: { count: number; model: string; manufacturer?: string; memoryMiB?: number; totalMemoryMiB?: number };
  pricePerHour?: number;
};
const search = async (...args: string[]) => {
  const r = await runTruffle(['search', ...args, '--offline', '-r', 'us-east-1']);
  expect(r.code, r.stderr).toBe(0);
  const records = r.records.map((x) => offerSchema.parse(x) as Rec);
  expect(records.length, args.join(' ')).toBeGreaterThan(0);
  return records;
};
const names = (rs: Rec[]) => rs.map((r) => r.instanceType);
const gib = (r: Rec) => r.memoryMiB / 1024;

describe('truffle search filters, offline', () => {
  it.each<[string[], (r: Rec) => boolean, string[]?]>([
    [['m7i', '--vcpus', '4-8'], (r) => r.vcpus >= 4 && r.vcpus <= 8, ['m7i.xlarge', 'm7i.2xlarge']],
    [['m7i', '--vcpus', '16'], (r) => r.vcpus >= 16],
    [['m7i', '--memory', '16-32'], (r) => gib(r) >= 16 && gib(r) <= 32, ['m7i.xlarge']],
    [['gpu', '--gpus', '4'], (r) => (r.gpus?.count ?? 0) >= 4, ['g5.12xlarge']],
    [
      ['gpu', '--gpu-memory', '80'],
      (r) => (r.gpus?.totalMemoryMiB ?? (r.gpus?.memoryMiB ?? 0) * (r.gpus?.count ?? 0)) >= 80 * 1024,
      ['p5.48xlarge'],
    ],
    [['gpu', '--gpu-manufacturer', 'amd'], (r) => r.gpus?.manufacturer === 'AMD', ['g4ad.xlarge']],
    [
      ['graviton', '--network', '100'],
      (r) => r.vcpus >= 16 && !/^(c7g|m7g)\./.test(r.instanceType),
      ['c7gn.16xlarge'],
    ],
    [['graviton', '--efa'], (r) => r.vcpus >= 16, ['hpc7g.16xlarge']],
    [['c7g*', '--local-storage'], (r) => r.instanceType.startsWith('c7gd.'), ['c7gd.large']],
    [['*.large', '--burstable'], (r) => /^t/.test(r.instanceType), ['t3.large', 't4g.large']],
    [['*.large', '--no-burstable'], (r) => !/^t\d/.test(r.instanceType), ['m7i.large']],
    [['m7*', '--deny', 'flex|^m7a'], (r) => !/flex|^m7a/.test(r.instanceType), ['m7i.large']],
    [
      ['*.xlarge', '--allow', '^c7[gi]\\.'],
      (r) => /^c7[gi]\./.test(r.instanceType),
      ['c7g.xlarge', 'c7i.xlarge'],
    ],
    [
      ['m*.large', '--current-generation'],
      // m5 and m6i are previous generation in the catalog's EC2 data.
      (r) => !/^(m1|m2|m3|m4|m5|m6i)\./.test(r.instanceType),
      ['m7i.large'],
    ],
  ])('search %j', async (args, all, includes = []) => {
    const records = await search(...args);
    for (const r of records) expect(all(r), r.instanceType).toBe(true);
    for (const n of includes) expect(names(records)).toContain(n);
  });

  it('--current-generation is the default: m*.large hides m1.large; --all-generations shows it, last', async () => {
    expect(names(await search('m*.large'))).not.toContain('m1.large');
    const all = names(await search('m*.large', '--all-generations'));
    expect(all).toContain('m1.large');
    expect(all[0]).not.toBe('m1.large');
    expect(all.indexOf('m1.large')).toBeGreaterThan(all.indexOf('m7i.large'));
  });

  it('without a query and without filters it is a usage error, not a list of every type', async () => {
    const r = await runTruffle(['search', '--offline']);
    expect(r.code).toBe(2);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'USAGE' })]);
  });

  it('runs on filters alone, without a query', async () => {
    const records = await search('--vcpus', '2', '--memory', '8-8', '--arch', 'arm64', '--limit', '5');
    expect(new Set(names(records)).size).toBe(5);
    for (const r of records) expect(r.vcpus >= 2 && gib(r) === 8 && r.architecture === 'arm64').toBe(true);
  });

  it.each([
    ['price', (r: Rec) => r.pricePerHour ?? Number.POSITIVE_INFINITY],
    ['vcpus', (r: Rec) => r.vcpus],
    ['memory', (r: Rec) => r.memoryMiB],
  ] as const)('--sort %s', async (sort, key) => {
    const values = (await search('graviton', '--sort', sort, '--limit', '40')).map(key);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  });

  it('--sort name', async () => {
    const found = names(await search('c7g', '--sort', 'name'));
    expect([...found].sort()).toEqual(found);
  });

  it('--sort interruption puts types with Spot Advisor data first, by bucket', async () => {
    const r = await search('graviton large', '--sort', 'interruption');
    const ranges = ['<5%', '5-10%', '10-15%', '15-20%', '>20%'];
    const order = r.map(
      (x) => ranges.indexOf((x.interruptionFrequency as string | undefined) ?? '') + 1 || 99,
    );
    expect(order[0]).toBeLessThan(99);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('--sort with an unknown key is a usage error', async () => {
    const r = await runTruffle(['search', 'm7i', '--offline', '--sort', 'speed']);
    expect(r.code).toBe(2);
  });

  it.each([
    ['--vcpus', '16-4'],
    ['--memory', 'lots'],
    ['--deny', '('],
  ])('%s %s is a usage error', async (flag, value) => {
    const r = await runTruffle(['search', 'm7i', '--offline', flag, value]);
    expect(r.code).toBe(2);
    expect(r.records.map((x) => x.type)).toEqual(['error']);
  });
});

describe('truffle search words, offline', () => {
  it.each<[string, string | undefined, (r: Rec) => boolean]>([
    [
      'graviton large',
      't4g.large',
      (r) => r.instanceType.endsWith('.large') && r.architecture === 'arm64' && !r.gpus,
    ],
    ['cheapest gpu 24gb', 'g6.xlarge', (r) => (r.gpus?.memoryMiB ?? 0) >= 22 * 1024],
    ['memory optimized arm 64gb', undefined, (r) => /^(r|x)\d/.test(r.instanceType) && gib(r) >= 64],
    ['8 vcpu 32gb', undefined, (r) => r.vcpus >= 8 && gib(r) >= 32],
    ['t4', 'g4dn.xlarge', (r) => /^(T4|T4g)$/.test(r.gpus?.model ?? '')],
    ['intel 2 vcpu', undefined, (r) => r.vcpus >= 2 && !r.instanceType.startsWith('inf')],
  ])('%s', async (query, first, all) => {
    const records = await search(query, '--limit', '10');
    if (first) expect(records[0]?.instanceType).toBe(first);
    for (const r of records) expect(all(r), r.instanceType).toBe(true);
    for (const r of records) expect(r.match).toBe(query === 't4' ? 'accelerator' : 'words');
  });

  it('spot keeps types with Spot Advisor data, least interrupted first, and shows the bucket', async () => {
    const ranges = ['<5%', '5-10%', '10-15%', '15-20%', '>20%'];
    const r = await search('spot graviton medium');
    const order = r.map((x) => ranges.indexOf(x.interruptionFrequency as string));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('cheapest orders by price', async () => {
    const prices = (await search('cheapest graviton medium')).map(
      (r) => r.pricePerHour ?? Number.POSITIVE_INFINITY,
    );
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  });
});
