import { describe, expect, it, vi } from 'vitest';
import { createCache } from '../cache/create-cache.ts';
import { answerGetProducts } from './fixtures/_price-list-fixture.ts';

// A warm all-region search finds every price cached and makes no call, yet it measured ~130 ms CPU
// slower than before because importing the price loader loaded @aws-sdk/client-pricing at the top
// of fetch-prices-by-type.ts. The SDK's evaluations are counted here through a pass-through mock.
const sdk = vi.hoisted(() => ({ loads: 0 }));
vi.mock('@aws-sdk/client-pricing', async (importOriginal) => {
  sdk.loads++;
  return importOriginal();
});

describe('loadOnDemandPrices and the Pricing SDK', () => {
  it('loads no Pricing SDK when every type is cached, and loads it once a type is missing', async () => {
    const cache = createCache({});
    const m7i = { 'us-east-1': { usdPerHour: 0.1008, asOf: '2026-07-18T20:55:42Z', source: 'pricing-api' } };
    const key = { account: 'a', region: 'all', kind: 'onDemandPrices', id: 'type:m7i.large' } as const;
    await cache.getOrLoad(key, async () => m7i);
    const { loadOnDemandPrices } = await import('./load-on-demand-prices.ts');
    const pricing = vi.fn(async () => {
      throw new Error('a warm load must not build a Pricing client');
    });

    const warm = await loadOnDemandPrices({ cache, account: 'a', instanceTypes: ['m7i.large'], pricing });
    expect(warm.prices.get('m7i.large')).toEqual(m7i);
    expect(warm.error).toBeUndefined();
    expect(pricing).not.toHaveBeenCalled();
    expect(sdk.loads).toBe(0);

    // The lazy import still works: a missing type is fetched through the real SDK.
    const { GetProductsCommand, PricingClient } = await import('@aws-sdk/client-pricing');
    const { mockClient } = await import('aws-sdk-client-mock');
    mockClient(PricingClient)
      .on(GetProductsCommand)
      .callsFake((input) => answerGetProducts(input));
    const cold = await loadOnDemandPrices({
      cache,
      account: 'a',
      instanceTypes: ['c7g.large'],
      pricing: async () => new PricingClient({ region: 'us-east-1' }),
    });
    expect(cold.error).toBeUndefined();
    expect(Object.keys(cold.prices.get('c7g.large') ?? {}).length).toBeGreaterThan(0);
    expect(sdk.loads).toBe(1);
  });
});
