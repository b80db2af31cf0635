import type { CatalogInstanceType } from '../catalog/types.ts';
import { fuseIndex } from './_fuse-index.ts';
import { globToRegExp, isGlob } from './_glob.ts';
import { matchesFilters } from './apply-filters.ts';
import { parseQuery } from './parse-query.ts';
import { MATCH_RANK, rankResults } from './rank-results.ts';
import { instanceTypeName } from './type-name.ts';
import type { RankFacts, SearchFilters, SearchMatch, SearchResult, SearchSort } from './types.ts';

/** A search's answer and what its words asked for besides matching. */
export interface SearchAnswer {
  results: SearchResult[];
  /** `cheapest` in the query: order by price (a `--sort` flag wins). */
  sort?: SearchSort;
  /** `spot` in the query: keep types with published Spot data, most reliable first. */
  spot: boolean;
}

/**
 * Finds instance types for a query: an exact name (never anything else: a name that does not exist
 * finds nothing), a glob (`m7i.*`), a family (`c7g`), an accelerator (`h100`, `trainium`), query
 * words (`graviton large`, `cheapest gpu 24gb`, all must hold; see parseQuery) or, when a word is not
 * understood, fuzzy similarity. Then filters apply, results are ranked (rankResults) and `limit`
 * cuts the list. An empty query lists everything that passes the filters.
 */
export function searchQuery(
  types: readonly CatalogInstanceType[],
  query: string,
  filters: SearchFilters = {},
  facts: RankFacts = {},
): SearchAnswer {
  const q = query.trim().toLowerCase();
  const { results: found, sort, spot } = match(types, q);
  let results = found.filter((r) => matchesFilters(r.type, filters, facts.price));
  if (filters.generations === 'prefer-current' && results.some((r) => r.type.currentGeneration)) {
    results = results.filter((r) => r.type.currentGeneration);
  }
  results = rankResults(results, {
    ...facts,
    sort: facts.sort ?? sort ?? (spot ? 'interruption' : undefined),
  });
  return { results: filters.limit === undefined ? results : results.slice(0, filters.limit), sort, spot };
}

/** {@link searchQuery}'s ranked results only. */
export function searchInstanceTypes(
  types: readonly CatalogInstanceType[],
  query: string,
  filters: SearchFilters = {},
  facts: RankFacts = {},
): SearchResult[] {
  return searchQuery(types, query, filters, facts).results;
}

function hit(type: CatalogInstanceType, match: SearchMatch, score = 0, tier?: number): SearchResult {
  return tier === undefined ? { type, score, match } : { type, score, match, tier };
}

function match(types: readonly CatalogInstanceType[], q: string): SearchAnswer {
  if (q === '') return { results: types.map((t) => hit(t, 'words')), spot: false };
  if (isGlob(q)) {
    const re = globToRegExp(q);
    return { results: types.filter((t) => re.test(t.instanceType)).map((t) => hit(t, 'glob')), spot: false };
  }
  const name = instanceTypeName(q);
  if (name !== undefined) {
    return { results: types.filter((t) => t.instanceType === name).map((t) => hit(t, 'exact')), spot: false };
  }
  const parsed = parseQuery(types, q);
  const understood = parsed.terms.length > 0 || parsed.sort !== undefined || parsed.spot;
  if (parsed.unknown.length === 0 && understood) {
    // The weakest kind of term labels the hit: `c7g` is a family, `c7g large` is words.
    const label = parsed.terms.reduce<SearchMatch>(
      (m, t) => (MATCH_RANK[t.match] > MATCH_RANK[m] ? t.match : m),
      parsed.terms.length === 0 ? 'words' : 'family',
    );
    const results = types
      .filter((t) => parsed.terms.every((term) => term.test(t)))
      .map((t) => hit(t, label, 0, tierOf(parsed.terms, t)));
    return { results, sort: parsed.sort, spot: parsed.spot };
  }
  const results = fuseIndex(types)
    .search(q)
    .map((r) => hit(r.item.type, 'fuzzy', r.score ?? 1));
  return { results, spot: false };
}

function tierOf(terms: ReturnType<typeof parseQuery>['terms'], t: CatalogInstanceType): number | undefined {
  const tiers = terms.flatMap((term) => (term.tier ? [term.tier(t)] : []));
  return tiers.length === 0 ? undefined : Math.max(...tiers);
}
