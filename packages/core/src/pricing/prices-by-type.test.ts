import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { createCache } from '../cache/create-cache.ts';
import { fetchPricesByType } from './fetch-prices-by-type.ts';
import { answerGetProducts } from './fixtures/_price-list-fixture.ts';
import { loadOnDemandPrices } from './load-on-demand-prices.ts';

// moto has no Pricing API. The fixture (fixtures/price-list-all-regions.json) is a recorded,
// multi-region price list: us-east-1 figures are real, other regions are test values; every type
// and region also has a Windows and an unused-capacity-reservation product that must be filtered out.
const pricing = mockClient(PricingClient);
const client = () => new PricingClient({ region: 'us-east-1' });
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
const noSleep = async () => {};

beforeEach(() => {
  pricing.reset();
  pricing.on(GetProductsCommand).callsFake((input) => answerGetProducts(input));
});

describe('fetchPricesByType', () => {
  it('prices a type in every region with one query and no region filter', async () => {
    const prices = await fetchPricesByType(client(), ['m7i.large']);
    const m7i = prices.get('m7i.large') ?? {};
    expect(Object.keys(m7i)).toHaveLength(27);
    expect(m7i['us-east-1']).toEqual({
      usdPerHour: 0.1008,
      asOf: '2026-07-18T20:55:42Z',
      source: 'pricing-api',
    });
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 1);
    const filters = pricing.commandCalls(GetProductsCommand)[0]?.args[0].input.Filters ?? [];
    expect(filters.map((f) => f.Field)).not.toContain('regionCode');
    expect(filters).toEqual(
      expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm7i.large' },
        { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
        { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
        { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
        { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
      ]),
    );
  });

  it('batches types into ANY_OF queries', async () => {
    const types = [
      'c7g.medium',
      'c7g.large',
      'c7g.xlarge',
      'c7g.2xlarge',
      'c7g.4xlarge',
      'c7g.8xlarge',
      'c7g.12xlarge',
      'c7g.16xlarge',
      'c7g.metal',
    ];
    const prices = await fetchPricesByType(client(), types);
    for (const t of types) expect(Object.keys(prices.get(t) ?? {}), t).toHaveLength(28);
    const calls = pricing.commandCalls(GetProductsCommand).map((c) => c.args[0].input);
    // 9 types: three ANY_OF batches of 3 (84 products each: one page of 100).
    expect(calls).toHaveLength(3);
    expect(calls[0]?.Filters?.[0]).toMatchObject({ Type: 'ANY_OF', Field: 'instanceType' });
  });

  it('follows NextToken through every page of a batch', async () => {
    const types = ['c7g.medium', 'c7g.large', 'c7g.xlarge', 'c7g.2xlarge', 'c7g.4xlarge', 'c7g.8xlarge'];
    const prices = await fetchPricesByType(client(), types, { batchSize: 6 });
    // 6 x 28 = 168 products: pages of 100 and 68.
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 2);
    for (const t of types) expect(Object.keys(prices.get(t) ?? {}), t).toHaveLength(28);
  });

  it('gives a type AWS does not price an empty entry, never a guess', async () => {
    const prices = await fetchPricesByType(client(), ['zz9.nano']);
    expect(prices.get('zz9.nano')).toEqual({});
  });

  it('retries with backoff when throttled, and only then', async () => {
    pricing.reset();
    pricing
      .on(GetProductsCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .callsFake((input) => answerGetProducts(input));
    const waits: number[] = [];
    const prices = await fetchPricesByType(client(), ['m7i.large'], {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(prices.get('m7i.large')?.['us-west-2']).toBeDefined();
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThanOrEqual(250);
    pricing.reset();
    pricing
      .on(GetProductsCommand)
      .rejects(Object.assign(new Error('boom'), { name: 'InternalErrorException' }));
    await expect(fetchPricesByType(client(), ['m7i.large'], { sleep: noSleep })).rejects.toThrow('boom');
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 1);
  });

  it('keeps at most `concurrency` queries in flight', async () => {
    let inFlight = 0;
    let most = 0;
    pricing.reset();
    pricing.on(GetProductsCommand).callsFake(async (input) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return answerGetProducts(input);
    });
    const types = Array.from({ length: 12 }, (_, i) => `x${i}.large`);
    await fetchPricesByType(client(), types, { batchSize: 1, concurrency: 3 });
    expect(most).toBe(3);
  });
});

describe('loadOnDemandPrices', () => {
  const load = (cache: ReturnType<typeof createCache>, instanceTypes: string[]) =>
    loadOnDemandPrices({ cache, account: 'a', pricing: async () => client(), instanceTypes, sleep: noSleep });

  it('caches per type (all regions in one entry): an overlapping query asks only for new types', async () => {
    const cache = createCache({});
    await load(cache, ['c7g.large', 'c7g.xlarge']);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 1);
    const again = await load(cache, ['c7g.xlarge']);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 1);
    expect(again.prices.get('c7g.xlarge')?.['eu-west-1']).toBeDefined();
    await load(cache, ['c7g.large', 'm7i.large']);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 2);
    expect(pricing.commandCalls(GetProductsCommand)[1]?.args[0].input.Filters?.[0]?.Value).toBe('m7i.large');
  });

  it('never caches a failure: a transient 500 is reported, and the next run asks again', async () => {
    const cache = createCache({});
    pricing.reset();
    pricing
      .on(GetProductsCommand)
      .rejectsOnce(
        Object.assign(new Error('We encountered an internal error'), {
          name: 'InternalErrorException',
          $metadata: { httpStatusCode: 500 },
        }),
      )
      .callsFake((input) => answerGetProducts(input));
    const first = await load(cache, ['m7i.large']);
    expect(first.error).toBeDefined();
    expect(first.prices.size).toBe(0);
    const second = await load(cache, ['m7i.large']);
    expect(second.error).toBeUndefined();
    expect(second.prices.get('m7i.large')?.['us-east-1']?.usdPerHour).toBe(0.1008);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 2);
  });

  it('makes no call and builds no client when every type is cached', async () => {
    const cache = createCache({});
    await load(cache, ['m7i.large']);
    let built = 0;
    const warm = await loadOnDemandPrices({
      cache,
      account: 'a',
      instanceTypes: ['m7i.large'],
      pricing: async () => {
        built++;
        return client();
      },
    });
    expect(built).toBe(0);
    expect(warm.prices.get('m7i.large')?.['us-west-2']).toBeDefined();
  });
});
