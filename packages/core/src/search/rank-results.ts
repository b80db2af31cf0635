import type { CatalogInstanceType } from '../catalog/types.ts';
import type { RankFacts, SearchMatch, SearchResult } from './types.ts';

export const MATCH_RANK: Readonly<Record<SearchMatch, number>> = {
  exact: 0,
  glob: 1,
  family: 2,
  accelerator: 3,
  words: 4,
  fuzzy: 5,
};

/**
 * Orders results: by `--sort` when given; otherwise by how they matched (exact > glob > family >
 * accelerator > words > fuzzy), then (fuzzy) similarity, then the query's own accelerator before an
 * alias's (`t4`: T4 before T4g), then current generation before previous, then price (unknown last),
 * then size, then name. Never by a name's first letters, so `graviton` does not favour g5g.
 */
export function rankResults(results: readonly SearchResult[], facts: RankFacts = {}): SearchResult[] {
  const price = orLast(facts.price);
  const interruption = orLast(facts.interruption);
  const byKey = (a: CatalogInstanceType, b: CatalogInstanceType): number => {
    switch (facts.sort) {
      case 'price':
        return price(a) - price(b);
      case 'vcpus':
        return a.vcpus - b.vcpus;
      case 'memory':
        return a.memoryMiB - b.memoryMiB;
      case 'name':
        return byName(a, b);
      case 'interruption':
        return interruption(a) - interruption(b) || price(a) - price(b);
      default:
        return 0;
    }
  };
  return [...results].sort(
    (a, b) =>
      byKey(a.type, b.type) ||
      MATCH_RANK[a.match] - MATCH_RANK[b.match] ||
      (a.match === 'fuzzy' ? a.score - b.score : 0) ||
      (a.tier ?? 0) - (b.tier ?? 0) ||
      Number(b.type.currentGeneration) - Number(a.type.currentGeneration) ||
      price(a.type) - price(b.type) ||
      a.type.vcpus - b.type.vcpus ||
      a.type.memoryMiB - b.type.memoryMiB ||
      byName(a.type, b.type),
  );
}

function orLast(f?: (t: CatalogInstanceType) => number | undefined): (t: CatalogInstanceType) => number {
  return (t) => f?.(t) ?? Number.POSITIVE_INFINITY;
}

function byName(a: CatalogInstanceType, b: CatalogInstanceType): number {
  return a.instanceType < b.instanceType ? -1 : a.instanceType > b.instanceType ? 1 : 0;
}
