import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerGetProducts } from '../pricing/fixtures/_price-list-fixture.ts';
import { loadOnDemandPrices } from '../pricing/load-on-demand-prices.ts';
import { entryPath } from './_entry-path.ts';
import { createCache } from './create-cache.ts';
import type { CacheKey } from './types.ts';
import { regionListSchema, spotPricesSchema } from './value-schemas.ts';

// moto has no Pricing API: the recorded price-list fixture answers (us-east-1 m7i.large is 0.1008).
const pricing = mockClient(PricingClient);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ts-corrupt-'));
  pricing.reset();
  pricing.on(GetProductsCommand).callsFake((input) => answerGetProducts(input));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function plant(key: CacheKey, value: unknown): Promise<void> {
  const file = entryPath(dir, key);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ format: 'truffle-spawn-cache', key, storedAt: Date.now(), value }));
}

describe('a corrupt cached value in a valid envelope', () => {
  const key: CacheKey = { account: 'a', region: 'all', kind: 'onDemandPrices', id: 'type:m7i.large' };
  const load = () =>
    loadOnDemandPrices({
      cache: createCache({ dir }),
      account: 'a',
      instanceTypes: ['m7i.large'],
      pricing: async () => new PricingClient({ region: 'us-east-1' }),
      sleep: async () => {},
    });

  it.each([
    ['a price as a string', { 'us-east-1': { usdPerHour: '0.1008', asOf: 'x', source: 'pricing-api' } }],
    ['a null region', { 'us-east-1': null }],
    ['a zero price', { 'us-east-1': { usdPerHour: 0, asOf: 'x', source: 'pricing-api' } }],
    ['a list instead of a map', [1, 2, 3]],
    ['a bare number', 42],
  ])('on-demand prices with %s are dropped and fetched again, never served', async (_name, value) => {
    await plant(key, value);
    const result = await load();
    expect(result.error).toBeUndefined();
    expect(result.prices.get('m7i.large')?.['us-east-1']?.usdPerHour).toBe(0.1008);
    expect(pricing.commandCalls(GetProductsCommand).length).toBeGreaterThan(0);
    // The bad entry was overwritten: the next run is served from disk without a call.
    pricing.resetHistory();
    expect((await load()).prices.get('m7i.large')?.['us-east-1']?.usdPerHour).toBe(0.1008);
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });

  it('a valid entry is still served from disk', async () => {
    await plant(key, { 'us-east-1': { usdPerHour: 0.5, asOf: '2030-01-01', source: 'pricing-api' } });
    expect((await load()).prices.get('m7i.large')?.['us-east-1']?.usdPerHour).toBe(0.5);
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });
});

describe('value schemas', () => {
  it('regions: only region names', async () => {
    expect(
      (await regionListSchema()).safeParse(['us-east-1', 'ap-southeast-7', 'us-gov-west-1']).success,
    ).toBe(true);
    for (const bad of [[], ['us-east-1', '../x'], 'us-east-1', [1]])
      expect((await regionListSchema()).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('spot prices: the shape latestSpotPrices returns, with a positive finite price', async () => {
    const good = {
      instanceType: 'm7i.large',
      availabilityZone: 'us-east-1a',
      region: 'us-east-1',
      usdPerHour: 0.03,
      timestamp: '2030-01-01T00:00:00.000Z',
    };
    expect((await spotPricesSchema()).safeParse([good]).success).toBe(true);
    for (const bad of [
      { ...good, usdPerHour: -1 },
      { ...good, usdPerHour: null },
      { ...good, region: 3 },
    ])
      expect((await spotPricesSchema()).safeParse([bad]).success).toBe(false);
  });
});
