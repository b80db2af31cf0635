import { readFileSync } from 'node:fs';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { testStepContext } from '../_test-step-context.ts';
import type { LaunchSpec } from '../types.ts';
import { resolvePrice } from './price.ts';

// The Pricing API is not in moto: a recorded GetProducts page (m5.large in us-east-1) stands in.
const fixture = JSON.parse(
  readFileSync(new URL('../../pricing/fixtures/get-products-us-east-1.json', import.meta.url), 'utf8'),
) as { pages: { PriceList: unknown[] }[] };
const m5Large = fixture.pages
  .flatMap((p) => p.PriceList)
  .filter(
    (item) =>
      (item as { product?: { attributes?: { instanceType?: string } } }).product?.attributes?.instanceType ===
      'm5.large',
  )
  .map((item) => JSON.stringify(item));

const context = (o: { pricing?: PricingClient; spec?: Partial<LaunchSpec> } = {}) =>
  testStepContext({ spec: o.spec, clients: { pricing: o.pricing } });

describe('resolvePrice', () => {
  const pricing = mockClient(PricingClient);
  beforeEach(() => pricing.reset());

  it('uses the live Price List API when it answers (one filtered query for the type)', async () => {
    expect(m5Large.length).toBeGreaterThan(0);
    pricing.on(GetProductsCommand).resolves({ FormatVersion: 'aws_v1', PriceList: m5Large });
    const ctx = context({ pricing: new PricingClient({ region: 'us-east-1' }) });
    const { value: price } = await resolvePrice(ctx);
    expect(price.onDemandPricePerHour).toBe(0.096);
    expect(price.pricePerHour).toBe(0.096);
    expect(price.source).toMatch(/^the AWS Price List API \(as of 2026-/);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 1);
    expect(pricing).toHaveReceivedCommandWith(GetProductsCommand, {
      Filters: expect.arrayContaining([{ Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm5.large' }]),
    });
  });

  it('falls back to the offline catalog when the API fails, and says why', async () => {
    pricing
      .on(GetProductsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const ctx = context({ pricing: new PricingClient({ region: 'us-east-1' }) });
    const { value: price } = await resolvePrice(ctx);
    expect(price.onDemandPricePerHour).toBeGreaterThan(0);
    expect(price.source).toMatch(/^the offline catalog .*live price unavailable: AccessDeniedException/);
  });

  it('offline (no client): the catalog, and no call at all', async () => {
    const ctx = context();
    const { value: price } = await resolvePrice(ctx);
    expect(price.source).toMatch(/^the offline catalog/);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 0);
  });

  it("keeps a piped offer's price without asking anyone", async () => {
    const ctx = context({
      pricing: new PricingClient({ region: 'us-east-1' }),
      spec: { market: 'spot', pricePerHour: 0.03, onDemandPricePerHour: 0.096 },
    });
    const { value: price } = await resolvePrice(ctx);
    expect(price.source).toBe('the piped offer');
    expect(price.pricePerHour).toBe(0.03);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 0);
  });
});
