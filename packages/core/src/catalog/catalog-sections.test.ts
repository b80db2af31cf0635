import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.ts';
import { lazyTypeRows } from './_lazy-types.ts';
import { assembleCatalog } from './assemble-catalog.ts';
import { decodeCatalogSections, encodeCatalogSections, isCatalogSections } from './catalog-sections.ts';
import { encodeCatalog } from './encode-catalog.ts';
import { loadCatalog, readCatalogFile, useCatalogFile } from './load-catalog.ts';
import {
  findType,
  offeredAzs,
  offeredRegions,
  onDemandPrice,
  spotAdvisor,
  unspecifiedType,
} from './lookups.ts';
import type { Catalog } from './types.ts';

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = await loadCatalog();
  dir = mkdtempSync(join(tmpdir(), 'catalog-sections-'));
});
afterAll(() => {
  useCatalogFile(undefined);
  rmSync(dir, { recursive: true, force: true });
});

const sections = (c: Catalog) => Buffer.from(encodeCatalogSections(c));
/** The same data as plain JSON: getters read, so lazy parts compare by value. */
const plain = (c: Catalog) => JSON.parse(JSON.stringify(c)) as unknown;

describe('catalog file format 3 (sections parsed on first use)', () => {
  it('round-trips the embedded catalog: types, offerings, prices, spot advisor and unspecified types', () => {
    const bytes = sections(catalog);
    expect(isCatalogSections(bytes)).toBe(true);
    const back = decodeCatalogSections(bytes);
    expect(back.types).toEqual(catalog.types);
    expect(plain(back)).toEqual(plain(catalog));
    expect(Object.keys(back.offerings)).toEqual(Object.keys(catalog.offerings));
    expect(back.unspecified?.length).toBeGreaterThan(0);
  });

  it('round-trips every optional field, absent or present, and a catalog without spot data or prices', () => {
    const base = catalog.types.find((t) => t.instanceType === 'm7i.large');
    const gpu = catalog.types.find((t) => t.gpus?.fraction !== undefined);
    if (!base || !gpu) throw new Error('fixture types missing');
    const small = assembleCatalog({
      generatedAt: '2026-01-02T00:00:00Z',
      sources: [{ name: 'test', asOf: '2026-01-01' }],
      types: [
        { ...gpu, efa: true, nvme: true, localStorageGB: 237, burstable: false, networkGbps: 12.5 },
        {
          instanceType: 'zz.bare',
          family: 'zz',
          vcpus: 1,
          memoryMiB: 512,
          architectures: [],
          supportsHibernation: false,
          currentGeneration: false,
        },
        { ...base, clockGHz: undefined, burstable: true },
      ],
      offerings: { 'eu-west-1': { 'zz.bare': ['eu-west-1b'] } },
      prices: {},
    });
    const back = decodeCatalogSections(sections(small));
    expect(back.types).toEqual(small.types);
    expect(plain(back)).toEqual(plain(small));
    expect(back).not.toHaveProperty('spotAdvisor');
    expect(back).not.toHaveProperty('unspecified');
    expect(offeredAzs(back, 'zz.bare', 'eu-west-1')).toEqual(['eu-west-1b']);
  });

  it('answers an exact name from its row alone, and later reads reuse that object', () => {
    const lazy = decodeCatalogSections(sections(catalog));
    const one = findType(lazy, 'm7i.large');
    expect(one).toEqual(findType(catalog, 'm7i.large'));
    expect(offeredAzs(lazy, 'm7i.large', 'us-east-1')).toEqual(offeredAzs(catalog, 'm7i.large', 'us-east-1'));
    expect(onDemandPrice(lazy, 'm7i.large', 'us-east-1')).toEqual(
      onDemandPrice(catalog, 'm7i.large', 'us-east-1'),
    );
    expect(offeredRegions(lazy, 'm7i.large')).toEqual(offeredRegions(catalog, 'm7i.large'));
    // A name that is a prefix, suffix or part of another is not that type; a miss decodes nothing either.
    for (const name of ['m7i.larg', 'm7i.large2', '7i.large', 'm7i'])
      expect(findType(lazy, name)).toBeUndefined();
    expect(findType(lazy, 'm7i.large')).toBe(one);
    expect(lazyTypeRows(lazy)).toBeDefined();
    // Reading `types` decodes the rest, keeping the type already decoded.
    expect(lazy.types.find((t) => t.instanceType === 'm7i.large')).toBe(one);
    expect(lazyTypeRows(lazy)).toBeUndefined();
  });

  it('finds the first and the last type of the table by name', () => {
    const lazy = decodeCatalogSections(sections(catalog));
    const first = catalog.types[0];
    const last = catalog.types.at(-1);
    if (!first || !last) throw new Error('empty catalog');
    expect(findType(lazy, first.instanceType)).toEqual(first);
    expect(findType(lazy, last.instanceType)).toEqual(last);
    expect(offeredRegions(lazy, last.instanceType)).toEqual(offeredRegions(catalog, last.instanceType));
  });

  it('parses the spot advisor and unspecified parts when first read, once', () => {
    const lazy = decodeCatalogSections(sections(catalog));
    expect(spotAdvisor(lazy, 'm7i.large', 'us-east-1')).toEqual(
      spotAdvisor(catalog, 'm7i.large', 'us-east-1'),
    );
    expect(lazy.spotAdvisor).toBe(lazy.spotAdvisor);
    expect(lazy.offerings['us-east-1']).toBe(lazy.offerings['us-east-1']);
    const name = catalog.unspecified?.[0] ?? '';
    expect(unspecifiedType(lazy, name)).toEqual(unspecifiedType(catalog, name));
  });
});

describe('readCatalogFile, every format', () => {
  const write = (name: string, bytes: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('reads format 3 (a CLI build), format 2 gzipped (truffle refresh --catalog) and plain, with the same data', async () => {
    const files = [
      write('v3.json', encodeCatalogSections(catalog)),
      write('v2.json.gz', encodeCatalog(catalog)),
      write('v2.json', gunzipSync(encodeCatalog(catalog))),
    ];
    for (const file of files) {
      const read = await readCatalogFile(file);
      expect(findType(read, 'm7i.large')).toEqual(findType(catalog, 'm7i.large'));
      expect(onDemandPrice(read, 'm7i.large', 'us-east-1')).toEqual(
        onDemandPrice(catalog, 'm7i.large', 'us-east-1'),
      );
      expect(plain(read)).toEqual(plain(catalog));
    }
  });

  it('reads format 1 (rows), as the first `truffle refresh --catalog` wrote them', async () => {
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
    const read = await readCatalogFile(write('v1.json.gz', gzipSync(JSON.stringify(v1))));
    expect(findType(read, 'm7i.large')).toMatchObject({ vcpus: 2, architectures: ['x86_64'] });
    expect(offeredAzs(read, 'm7i.large', 'us-east-1')).toEqual(['us-east-1a']);
  });

  it('refuses an unknown format and a truncated format 3 file; --catalog makes either a user error', async () => {
    const unknown = write('v9.json', JSON.stringify({ formatVersion: 9 }));
    await expect(readCatalogFile(unknown)).rejects.toThrow(/unsupported catalog format/);
    const text = encodeCatalogSections(catalog);
    const truncated = write('cut.json', text.slice(0, text.length - 100));
    await expect(readCatalogFile(truncated)).rejects.toThrow(/truncated/);
    for (const file of [unknown, truncated]) {
      useCatalogFile(file);
      const error = await loadCatalog().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toContain(file);
    }
    useCatalogFile(undefined);
  });
});
