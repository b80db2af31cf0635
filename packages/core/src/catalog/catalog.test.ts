import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { offerSchema } from '../protocol/schemas.ts';
import { lazyTypeRows } from './_lazy-types.ts';
import { corePackageRoot } from './_package-root.ts';
import { assembleCatalog } from './assemble-catalog.ts';
import { catalogAgeText } from './catalog-age.ts';
import { decodeCatalog, encodeCatalog, scanPrice } from './encode-catalog.ts';
import { loadCatalog } from './load-catalog.ts';
import {
  findType,
  offeredAzs,
  offeredRegions,
  onDemandPrice,
  spotAdvisor,
  unspecifiedType,
} from './lookups.ts';
import { toOffer } from './to-offer.ts';
import type { Catalog } from './types.ts';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const shared = (file: string) => join(corePackageRoot(), '..', '..', '..', 'shared', 'data', file);
const motoResources = () =>
  join(
    execFileSync('python3', ['-c', 'import moto, os; print(os.path.dirname(moto.__file__))'], {
      encoding: 'utf8',
    }).trim(),
    'ec2',
    'resources',
  );

describe('embedded catalog', () => {
  it('is found from the package root and loaded once per process', async () => {
    expect(corePackageRoot()).toMatch(/packages[/\\]core$/);
    expect(await loadCatalog()).toBe(catalog);
    expect(catalog.types.length).toBeGreaterThan(1000);
  });

  it('records every source with its date and license', () => {
    expect(catalog.sources).toHaveLength(3);
    for (const s of catalog.sources) {
      expect(s.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.license).toBe('Apache-2.0');
    }
    expect(catalog.asOf).toBe('2026-07-20');
  });

  it('carries real specs from DescribeInstanceTypes', () => {
    expect(findType(catalog, 'p5.48xlarge')).toMatchObject({
      vcpus: 192,
      memoryMiB: 2097152,
      gpus: { count: 8, model: 'H100', manufacturer: 'NVIDIA', kind: 'gpu' },
    });
    expect(findType(catalog, 'trn1.32xlarge')?.gpus).toMatchObject({ model: 'Trainium', kind: 'training' });
    expect(findType(catalog, 'm7g.large')).toMatchObject({ architectures: ['arm64'], processor: 'AWS' });
    expect(findType(catalog, 'm7i.nonsense')).toBeUndefined();
  });

  it('keeps fractional GPUs with their fraction and the fields the query language filters on', () => {
    expect(findType(catalog, 'g6f.large')?.gpus).toEqual({
      count: 1,
      fraction: 0.125,
      model: 'L4',
      manufacturer: 'NVIDIA',
      memoryMiB: 2861,
      totalMemoryMiB: 2861,
      kind: 'gpu',
    });
    expect(findType(catalog, 'gr6f.4xlarge')?.gpus).toMatchObject({ count: 1, fraction: 0.5, model: 'L4' });
    expect(findType(catalog, 'g6.xlarge')?.gpus).not.toHaveProperty('fraction');
    expect(
      offerSchema.parse(toOffer(findType(catalog, 'g6f.large')!, { region: 'us-east-1' })).gpus,
    ).toMatchObject({
      fraction: 0.125,
    });
    // p5: 32 network cards of 100 Gbps; EFA; 8 x 3.8 TB NVMe instance store.
    expect(findType(catalog, 'p5.48xlarge')).toMatchObject({
      networkGbps: 3200,
      efa: true,
      nvme: true,
      localStorageGB: 30400,
    });
    expect(findType(catalog, 'm7i.large')).toMatchObject({ currentGeneration: true, processor: 'Intel' });
    expect(findType(catalog, 'm7i.large')?.efa).toBeUndefined();
    expect(findType(catalog, 'm7i.large')?.localStorageGB).toBeUndefined();
    expect(findType(catalog, 't3.micro')).toMatchObject({ burstable: true });
    expect(findType(catalog, 'm1.large')).toMatchObject({ currentGeneration: false });
  });

  it('names every priced type AWS lists: with specs where moto has them, by name only where not', () => {
    const reference = JSON.parse(readFileSync(shared('ondemand-us-east-1.json'), 'utf8')) as {
      prices: { 'us-east-1': Record<string, number> };
    };
    const priced = Object.keys(reference.prices['us-east-1']);
    const missing = priced.filter((n) => !findType(catalog, n) && !unspecifiedType(catalog, n));
    expect(missing).toEqual([]);
    expect(catalog.unspecified?.length).toBe(131);
    expect(findType(catalog, 'p3.2xlarge')).toBeUndefined();
    expect(unspecifiedType(catalog, 'p3.2xlarge')).toEqual({
      instanceType: 'p3.2xlarge',
      pricedRegions: ['us-east-1'],
    });
    expect(onDemandPrice(catalog, 'p3.2xlarge', 'us-east-1')?.usdPerHour).toBe(
      reference.prices['us-east-1']['p3.2xlarge'],
    );
    expect(unspecifiedType(catalog, 'm7i.large')).toBeUndefined();
  });

  it('has real us-east-1 prices and no price anywhere else', () => {
    const reference = JSON.parse(readFileSync(shared('ondemand-us-east-1.json'), 'utf8')) as {
      prices: { 'us-east-1': Record<string, number> };
    };
    expect(onDemandPrice(catalog, 'm7i.large', 'us-east-1')).toMatchObject({
      usdPerHour: reference.prices['us-east-1']['m7i.large'],
      asOf: '2026-07-20',
      source: 'catalog',
    });
    expect(onDemandPrice(catalog, 'm7i.large', 'us-west-2')).toBeUndefined();
    expect(onDemandPrice(catalog, 'm7i.large', 'eu-west-1')).toBeUndefined();
    expect(Object.keys(catalog.prices)).toEqual(['us-east-1']);
  });

  it('lists AZ offerings exactly as moto’s real DescribeInstanceTypeOfferings snapshot', () => {
    const file = join(motoResources(), 'instance_type_offerings', 'availability-zone', 'us-west-2.json.gz');
    const rows = JSON.parse(gunzipSync(readFileSync(file)).toString()) as {
      InstanceType: string;
      Location: string;
    }[];
    for (const type of ['m7i.large', 'p5.48xlarge', 'g6e.xlarge', 'c7g.large']) {
      const expected = rows
        .filter((r) => r.InstanceType === type)
        .map((r) => r.Location)
        .sort();
      expect(offeredAzs(catalog, type, 'us-west-2'), type).toEqual(expected);
    }
    expect(offeredAzs(catalog, 'm7i.large', 'xx-nowhere-1')).toBeUndefined();
    expect(offeredRegions(catalog, 'm7i.large')).toContain('us-east-1');
    expect(offeredRegions(catalog, 'no.such')).toEqual([]);
  });

  it('has spot advisor figures from the published feed', () => {
    const feed = JSON.parse(readFileSync(shared('spot-advisor-data.json'), 'utf8')) as {
      spot_advisor: Record<string, { Linux: Record<string, { s: number; r: number }> }>;
      ranges: { index: number; label: string }[];
    };
    const e = feed.spot_advisor['us-west-2']?.Linux['m7i.large'];
    expect(spotAdvisor(catalog, 'm7i.large', 'us-west-2')).toEqual({
      savingsPercent: e?.s,
      interruptionFrequency: feed.ranges[e?.r ?? -1]?.label,
      asOf: '2025-06-28',
    });
    expect(spotAdvisor(catalog, 'm7i.large', 'xx-nowhere-1')).toBeUndefined();
  });
});

describe('catalog helpers', () => {
  it('states the age in days', () => {
    expect(catalogAgeText({ asOf: '2026-07-20' }, new Date('2026-11-26T06:00:00Z'))).toBe(
      'offline catalog from 2026-07-20 (129 days old)',
    );
    expect(catalogAgeText({ asOf: '2026-07-20' }, new Date('2026-07-20T12:00:00Z'))).toContain('from today');
  });

  it('builds a valid offer record, with a price only when one is known', () => {
    const t = findType(catalog, 'g5.xlarge');
    if (!t) throw new Error('g5.xlarge missing');
    const price = onDemandPrice(catalog, 'g5.xlarge', 'us-east-1');
    const offer = toOffer(t, { region: 'us-east-1', availabilityZones: ['us-east-1a'], price });
    expect(offerSchema.parse(offer)).toMatchObject({ market: 'on-demand', pricePerHour: price?.usdPerHour });
    expect(toOffer(t, { region: 'us-west-2' })).not.toHaveProperty('pricePerHour');
  });

  it('round-trips through the compact encoding', () => {
    const small = assembleCatalog({
      generatedAt: '2026-01-02T00:00:00Z',
      sources: [{ name: 'test', asOf: '2026-01-01' }],
      types: [catalog.types[5], catalog.types[1]].filter((t) => t !== undefined),
      offerings: { 'us-east-1': { [catalog.types[1]?.instanceType ?? '']: ['us-east-1b', 'us-east-1a'] } },
      prices: {},
    });
    const back = decodeCatalog(JSON.parse(gunzipSync(encodeCatalog(small)).toString()));
    expect(back).toEqual(small);
    expect(offeredAzs(back, catalog.types[1]?.instanceType ?? '', 'us-east-1')).toEqual([
      'us-east-1a',
      'us-east-1b',
    ]);
    expect(offeredAzs(back, catalog.types[5]?.instanceType ?? '', 'us-east-1')).toEqual([]);
  });

  it('round-trips every field, prices included, through format 2 (columns and dictionaries)', () => {
    const gpuTypes = catalog.types.filter((t) => t.gpus).slice(0, 3);
    const plainTypes = catalog.types.filter((t) => !t.gpus && !t.clockGHz).slice(0, 2);
    const small = assembleCatalog({
      generatedAt: '2026-01-02T00:00:00Z',
      sources: [{ name: 'test', asOf: '2026-01-01' }],
      types: [
        ...gpuTypes,
        ...plainTypes,
        { ...catalog.types[0], instanceType: 'zz.new', burstable: true } as never,
      ],
      offerings: {},
      prices: {
        'us-east-1': {
          source: 'test',
          asOf: '2026-01-01',
          usdPerHour: { 'g5.xlarge': 1.006, 'zz.gone': 0.5 },
        },
        'eu-west-1': { source: 'test', asOf: '2026-01-01', usdPerHour: {} },
      },
    });
    const file = JSON.parse(gunzipSync(encodeCatalog(small)).toString());
    expect(file.formatVersion).toBe(2);
    expect(file.prices['us-east-1']).toEqual({
      source: 'test',
      asOf: '2026-01-01',
      types: 'g5.xlarge,zz.gone',
      usd: '1.006,0.5',
    });
    const back = decodeCatalog(file);
    expect(back).toEqual(small);
    expect(onDemandPrice(back, 'zz.gone', 'us-east-1')?.usdPerHour).toBe(0.5);
    expect(onDemandPrice(back, 'g5.xlarge', 'eu-west-1')).toBeUndefined();
    // Equal values are stored once and shared after decoding.
    const x86 = back.types.filter((t) => t.architectures.join() === 'x86_64');
    expect(x86.length).toBeGreaterThan(1);
    expect(new Set(x86.map((t) => t.architectures)).size).toBe(1);
  });

  it('answers a price by scanning exactly as the full table does, for every name and near misses', () => {
    const file = JSON.parse(gunzipSync(encodeCatalog(catalog)).toString());
    const { types, usd } = file.prices['us-east-1'] as { types: string; usd: string };
    const record = catalog.prices['us-east-1']?.usdPerHour ?? {};
    const names = Object.keys(record);
    expect(names.length).toBeGreaterThan(500);
    for (const name of names) expect(scanPrice(types, usd, name)).toBe(record[name]);
    const first = names[0] ?? '';
    const last = names.at(-1) ?? '';
    for (const miss of ['', 'm7i.larg', 'm7i.large2', '7i.large', `${first},`, `,${last}`, 'nope.large']) {
      expect(scanPrice(types, usd, miss)).toBe(record[miss]);
    }
    expect(scanPrice('', '', 'm7i.large')).toBeUndefined();
    // Decoded regions answer the first lookups by scanning and later ones from the Map: the same answers.
    const back = decodeCatalog(file);
    for (const name of [...names.slice(0, 40), 'm7i.larg', 'm7i.large']) {
      expect(onDemandPrice(back, name, 'us-east-1')?.usdPerHour).toBe(record[name]);
    }
  });

  it('decodes only the asked type until `types` is read, then the same objects and values as a full decode', () => {
    const file = JSON.parse(gunzipSync(encodeCatalog(catalog)).toString());
    const lazy = decodeCatalog(file);
    const one = findType(lazy, 'm7i.large');
    expect(one?.instanceType).toBe('m7i.large');
    expect(offeredAzs(lazy, 'm7i.large', 'us-east-1')).toEqual(offeredAzs(catalog, 'm7i.large', 'us-east-1'));
    expect(findType(lazy, 'm7i.large')).toBe(one);
    // Nothing above read `types`: the catalog is still undecoded.
    expect(lazyTypeRows(lazy)).toBeDefined();
    expect(findType(lazy, 'nope.large')).toBeUndefined();
    // A miss falls back to the decoded types, which reuse the row already decoded.
    expect(lazyTypeRows(lazy)).toBeUndefined();
    expect(lazy.types).toBe(lazy.types);
    expect(lazy.types.find((t) => t.instanceType === 'm7i.large')).toBe(one);
    expect(lazy.types).toEqual(catalog.types);
    expect(findType(lazy, 'm7i.large')).toBe(one);
  });

  it('finds types by name in a catalog whose types are not sorted, as in a sorted one', () => {
    const sorted = catalog.types.slice(0, 50);
    const unsorted: Catalog = { ...catalog, types: [...sorted].reverse(), offerings: {} };
    for (const t of sorted) {
      expect(findType(catalog, t.instanceType)).toBe(t);
      expect(findType(unsorted, t.instanceType)).toBe(t);
    }
    expect(findType(catalog, 'nope.large')).toBeUndefined();
    expect(findType(unsorted, 'nope.large')).toBeUndefined();
    expect(findType(catalog, `${catalog.types[0]?.instanceType}x`)).toBeUndefined();
  });

  it('still reads format 1 files (rows), as older `truffle refresh --catalog` wrote them', () => {
    const v1 = {
      formatVersion: 1,
      generatedAt: '2025-01-01T00:00:00Z',
      asOf: '2025-01-01',
      sources: [],
      offerings: { 'us-east-1': { azs: ['us-east-1a'], masks: '1' } },
      prices: { 'us-east-1': { source: 's', asOf: '2025-01-01', usdPerHour: { 'm7i.large': 0.1008 } } },
      typeColumns: ['instanceType', 'family', 'generation', 'vcpus', 'memoryMiB', 'architectures', 'gpus'],
      typeRows: [['m7i.large', 'm7i', '7', 2, 8192, ['x86_64'], 0]],
    };
    const back = decodeCatalog(v1 as never);
    expect(back.types).toEqual([
      {
        instanceType: 'm7i.large',
        family: 'm7i',
        generation: '7',
        vcpus: 2,
        memoryMiB: 8192,
        architectures: ['x86_64'],
        supportsHibernation: false,
        currentGeneration: false,
      },
    ]);
    expect(onDemandPrice(back, 'm7i.large', 'us-east-1')?.usdPerHour).toBe(0.1008);
    expect(offeredAzs(back, 'm7i.large', 'us-east-1')).toEqual(['us-east-1a']);
  });
});
