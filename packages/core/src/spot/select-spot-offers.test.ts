import { describe, expect, it } from 'vitest';
import type { Offer } from '../protocol/schemas.ts';
import { interruptionRank, selectSpotOffers } from './select-spot-offers.ts';

const offer = (instanceType: string, o: Partial<Offer>): Offer => ({
  v: 1,
  type: 'offer',
  instanceType,
  region: 'us-east-1',
  vcpus: 2,
  memoryMiB: 4096,
  architecture: 'x86_64',
  market: 'spot',
  ...o,
});
const offers = [
  offer('a.large', { pricePerHour: 0.03, savingsPercent: 60, interruptionFrequency: '10-15%' }),
  offer('b.large', { pricePerHour: 0.01, savingsPercent: 40, interruptionFrequency: '<5%' }),
  offer('c.large', { savingsPercent: 80, interruptionFrequency: '>20%' }),
  offer('d.large', { pricePerHour: 0.02, interruptionFrequency: '5-10%' }),
];
const names = (list: Offer[]) => list.map((o) => o.instanceType);

describe('selectSpotOffers', () => {
  it.each([
    [{}, ['a.large', 'b.large', 'c.large', 'd.large']],
    [{ sort: 'price' as const }, ['b.large', 'd.large', 'a.large', 'c.large']],
    [{ sortByPrice: true }, ['b.large', 'd.large', 'a.large', 'c.large']],
    [{ sort: 'savings' as const }, ['c.large', 'a.large', 'b.large', 'd.large']],
    [{ sort: 'interruption' as const }, ['b.large', 'd.large', 'a.large', 'c.large']],
    [{ sort: 'price' as const, maxPrice: 0.02 }, ['b.large', 'd.large']],
    [{ sort: 'savings' as const, limit: 1 }, ['c.large']],
  ])('%o', (options, expected) => {
    expect(names(selectSpotOffers(offers, options))).toEqual(expected);
  });

  it('ranks buckets by their lower bound, unknown last', () => {
    expect(['>20%', undefined, '<5%', '15-20%', '5-10%'].map(interruptionRank)).toEqual([
      20.5,
      Number.POSITIVE_INFINITY,
      0,
      15,
      5,
    ]);
  });
});
