import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { fetchGp3Price, parseGp3Item } from './fetch-gp3-price.ts';

// moto has no Pricing API. The fixture has the shape of a GetProducts answer for gp3 storage
// (AmazonEC2, productFamily Storage, unit GB-Mo); the prices in it are illustrative only.
const product = (o: { region: string; usd: string; unit?: string; family?: string }) =>
  JSON.stringify({
    product: {
      productFamily: o.family ?? 'Storage',
      attributes: { volumeApiName: 'gp3', regionCode: o.region, usagetype: 'EUC1-EBS:VolumeUsage.gp3' },
    },
    terms: {
      OnDemand: {
        'ABC.JRTCKXETXF': {
          effectiveDate: '2026-07-01T00:00:00Z',
          priceDimensions: {
            'ABC.JRTCKXETXF.6YS6EN2CT7': { unit: o.unit ?? 'GB-Mo', pricePerUnit: { USD: o.usd } },
          },
        },
      },
    },
    publicationDate: '2026-07-20T12:00:00Z',
  });

const mock = mockClient(PricingClient);
beforeEach(() => mock.reset());

describe('fetchGp3Price', () => {
  it("asks for the region's gp3 storage product and reads USD per GB-month", async () => {
    mock
      .on(GetProductsCommand)
      .resolves({ PriceList: [product({ region: 'eu-central-1', usd: '0.0952000000' })] });
    const price = await fetchGp3Price(new PricingClient({ region: 'us-east-1' }), 'eu-central-1');
    expect(price).toEqual({ usdPerGbMonth: 0.0952, asOf: '2026-07-20T12:00:00Z' });
    expect(mock).toHaveReceivedCommandWith(GetProductsCommand, {
      ServiceCode: 'AmazonEC2',
      Filters: expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-central-1' },
        { Type: 'TERM_MATCH', Field: 'volumeApiName', Value: 'gp3' },
      ]),
    });
  });

  it.each([
    ['another region', product({ region: 'us-east-1', usd: '0.08' })],
    ['a $0 placeholder', product({ region: 'eu-central-1', usd: '0' })],
    ['an IOPS dimension', product({ region: 'eu-central-1', usd: '0.005', unit: 'IOPS-Mo' })],
    ['another family', product({ region: 'eu-central-1', usd: '0.08', family: 'System Operation' })],
    ['garbage', '{not json'],
  ])('never turns %s into a price', (_name, item) => {
    expect(parseGp3Item(item, 'eu-central-1')).toBeUndefined();
  });
});
