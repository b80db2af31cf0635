import { readFileSync } from 'node:fs';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { fetchOnDemandPrices } from './fetch-on-demand-prices.ts';
import { parsePriceListItem } from './parse-price-list-item.ts';

interface Fixture {
  pages: { FormatVersion: string; NextToken?: string; PriceList: unknown[] }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/get-products-us-east-1.json', import.meta.url), 'utf8'),
) as Fixture;

// PriceList entries arrive as JSON strings; the fixture stores them as objects for readability.
const page = (i: number) => {
  const p = fixture.pages[i];
  if (!p) throw new Error(`no fixture page ${i}`);
  return { ...p, PriceList: p.PriceList.map((item) => JSON.stringify(item)) };
};

describe('fetchOnDemandPrices', () => {
  const pricing = mockClient(PricingClient);
  beforeEach(() => {
    pricing.reset();
    pricing.on(GetProductsCommand).resolvesOnce(page(0)).resolvesOnce(page(1));
  });

  it('follows NextToken and keeps only Linux shared-tenancy used-capacity non-zero prices', async () => {
    const prices = await fetchOnDemandPrices(new PricingClient({ region: 'us-east-1' }), 'us-east-1');
    expect(Object.fromEntries([...prices].map(([t, p]) => [t, p.usdPerHour]))).toEqual({
      'm5.large': 0.096,
      'm5.metal': 4.608,
      'm7i.large': 0.1008,
      'g5.xlarge': 1.006,
    });
    expect(prices.get('m5.large')).toEqual({
      usdPerHour: 0.096,
      asOf: '2026-07-18T20:55:42Z',
      source: 'pricing-api',
    });
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 2);
    expect(pricing).toHaveReceivedNthCommandWith(GetProductsCommand, 2, { NextToken: 'page-2-token' });
    const filters = pricing.commandCalls(GetProductsCommand)[0]?.args[0].input.Filters ?? [];
    expect(filters).toEqual(
      expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
        { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
        { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
        { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
        { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
      ]),
    );
  });

  it('asks per type for a few types and drops types it was not asked about', async () => {
    pricing.reset();
    pricing.on(GetProductsCommand).resolves({ ...page(0), NextToken: undefined });
    const prices = await fetchOnDemandPrices(new PricingClient({ region: 'us-east-1' }), 'us-east-1', [
      'm5.large',
      'zz1.nano',
    ]);
    expect([...prices.keys()]).toEqual(['m5.large']);
    const asked = pricing
      .commandCalls(GetProductsCommand)
      .map((c) => c.args[0].input.Filters?.find((f) => f.Field === 'instanceType')?.Value);
    expect(asked.sort()).toEqual(['m5.large', 'zz1.nano']);
  });

  it('a region with no published price yields no entry, never a guess', async () => {
    pricing.reset();
    pricing.on(GetProductsCommand).resolves({ FormatVersion: 'aws_v1', PriceList: [] });
    const prices = await fetchOnDemandPrices(new PricingClient({ region: 'us-east-1' }), 'ap-east-2');
    expect(prices.size).toBe(0);
  });
});

describe('parsePriceListItem', () => {
  it('reads boxed strings (the SDK LazyJsonString) as well as plain strings', () => {
    const item = JSON.stringify(fixture.pages[0]?.PriceList[0]);
    expect(parsePriceListItem(new String(item))?.usdPerHour).toBe(0.096);
    expect(parsePriceListItem(item)?.instanceType).toBe('m5.large');
  });

  it('ignores junk', () => {
    expect(parsePriceListItem('{not json')).toBeUndefined();
    expect(parsePriceListItem(42)).toBeUndefined();
  });
});
