import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { offerSchema } from '../protocol/schemas.ts';
import { matchCatalogTypes } from './match-catalog-types.ts';
import { selectSpotOffers } from './select-spot-offers.ts';
import { toSpotOffer } from './to-spot-offer.ts';

const price = (availabilityZone: string, usdPerHour: number, instanceType = 'm5.large') => ({
  instanceType,
  availabilityZone,
  region: availabilityZone.slice(0, -1),
  usdPerHour,
  timestamp: '2026-08-01T11:58:12.000Z',
});
const spec = { vcpus: 2, memoryMiB: 8192, architecture: 'x86_64' as const };

describe('toSpotOffer', () => {
  it('builds a spot offer for one AZ with savings from the live prices', () => {
    const offer = toSpotOffer({
      price: price('us-east-1a', 0.0351),
      spec,
      onDemandPricePerHour: 0.096,
      advisor: { savingsPercent: 55, interruptionFrequency: '<5%' },
    });
    expect(offerSchema.parse(offer)).toEqual({
      v: 1,
      type: 'offer',
      instanceType: 'm5.large',
      region: 'us-east-1',
      availabilityZone: 'us-east-1a',
      ...spec,
      market: 'spot',
      pricePerHour: 0.0351,
      priceSource: 'spot-price-history',
      priceAsOf: '2026-08-01T11:58:12.000Z',
      onDemandPricePerHour: 0.096,
      savingsPercent: 63,
      interruptionFrequency: '<5%',
    });
  });

  it("uses the Spot Advisor's saving when no on-demand price is known", () => {
    const offer = toSpotOffer({ price: price('us-east-1a', 0.0351), spec, advisor: { savingsPercent: 55 } });
    expect(offer.savingsPercent).toBe(55);
    expect(offer.onDemandPricePerHour).toBeUndefined();
  });
});

describe('selectSpotOffers', () => {
  const offers = [price('us-east-1b', 0.038), price('us-east-1a', 0.0351), price('eu-west-1a', 0.031)].map(
    (p) => toSpotOffer({ price: p, spec }),
  );
  it('orders by place by default and by price on request; filters and limits', () => {
    expect(selectSpotOffers(offers).map((o) => o.availabilityZone)).toEqual([
      'eu-west-1a',
      'us-east-1a',
      'us-east-1b',
    ]);
    expect(
      selectSpotOffers(offers, { sortByPrice: true, maxPrice: 0.036, limit: 5 }).map((o) => o.pricePerHour),
    ).toEqual([0.031, 0.0351]);
    expect(selectSpotOffers(offers, { sortByPrice: true, limit: 1 })).toHaveLength(1);
  });
});

describe('matchCatalogTypes (embedded catalog)', () => {
  it.each([
    ['m5.large', ['m5.large']],
    ['m5.large, c7g.medium', ['c7g.medium', 'm5.large']],
  ])('%s', async (query, expected) => {
    expect(matchCatalogTypes(await loadCatalog(), query).instanceTypes).toEqual(expected);
  });

  it('globs and families expand; typos only suggest', async () => {
    const catalog = await loadCatalog();
    expect(matchCatalogTypes(catalog, 'm7i.*').instanceTypes).toContain('m7i.48xlarge');
    expect(matchCatalogTypes(catalog, 'c7g').instanceTypes).toContain('c7g.medium');
    const typo = matchCatalogTypes(catalog, 'm5.larg');
    expect(typo.instanceTypes).toEqual([]);
    expect(typo.didYouMean).toContain('m5.large');
  });
});
