import type { CatalogInstanceType } from '../catalog/types.ts';
import { fuseIndex } from './_fuse-index.ts';
import { globToRegExp, isGlob } from './_glob.ts';
import { KEYWORDS } from './_keywords.ts';
import { acceleratorModelsFor, normalizeModel } from './accelerator-aliases.ts';
import { matchesFilters } from './apply-filters.ts';
import type { SearchFilters, SearchMatch, SearchResult } from './types.ts';

const RANK: Record<SearchMatch, number> = {
  exact: 0,
  glob: 1,
  family: 2,
  accelerator: 3,
  keyword: 4,
  fuzzy: 5,
};

/**
 * Finds instance types for a query: an exact name, a glob (`m7i.*`), a family (`c7g`), an
 * accelerator (`h100`, `trainium`), keywords (`graviton gpu`, all must hold) or, when none of
 * those match, fuzzy similarity. Structured matches always rank above fuzzy ones; then filters
 * apply, and `limit` cuts the list. An empty query lists everything that passes the filters.
 */
export function searchInstanceTypes(
  types: readonly CatalogInstanceType[],
  query: string,
  filters: SearchFilters = {},
  price?: (t: CatalogInstanceType) => number | undefined,
): SearchResult[] {
  const q = query.trim().toLowerCase();
  const results = (q === '' ? types.map((type) => hit(type, 'keyword')) : match(types, q)).filter((r) =>
    matchesFilters(r.type, filters, price),
  );
  // Equal fuzzy scores: the name sharing the longer prefix with the query reads as the better guess.
  const prefix = (r: SearchResult) => commonPrefix(r.type.instanceType, q);
  results.sort(
    (a, b) =>
      RANK[a.match] - RANK[b.match] || a.score - b.score || prefix(b) - prefix(a) || bySize(a.type, b.type),
  );
  return filters.limit === undefined ? results : results.slice(0, filters.limit);
}

function hit(type: CatalogInstanceType, match: SearchMatch, score = 0): SearchResult {
  return { type, score, match };
}

function match(types: readonly CatalogInstanceType[], q: string): SearchResult[] {
  if (isGlob(q)) {
    const re = globToRegExp(q);
    return types.filter((t) => re.test(t.instanceType)).map((t) => hit(t, 'glob'));
  }
  const exact = types.find((t) => t.instanceType === q);
  if (exact) return [hit(exact, 'exact')];
  const words = q.split(/[\s,]+/).filter(Boolean);
  const structured = structuredMatch(types, words);
  if (structured) return structured;
  return fuseIndex(types)
    .search(q)
    .map((r) => hit(r.item.type, 'fuzzy', r.score ?? 1));
}

/** Every word must select by family, accelerator model or keyword; the weakest kind labels the hit. */
function structuredMatch(types: readonly CatalogInstanceType[], words: string[]): SearchResult[] | undefined {
  const tests = words.map((word) => wordTest(types, word));
  if (tests.some((t) => t === undefined)) return undefined;
  const defined = tests as { match: SearchMatch; test: (t: CatalogInstanceType) => boolean }[];
  const label = defined.reduce<SearchMatch>((m, t) => (RANK[t.match] > RANK[m] ? t.match : m), 'family');
  return types.filter((t) => defined.every((d) => d.test(t))).map((t) => hit(t, label));
}

function wordTest(
  types: readonly CatalogInstanceType[],
  word: string,
): { match: SearchMatch; test: (t: CatalogInstanceType) => boolean } | undefined {
  if (types.some((t) => t.family === word)) return { match: 'family', test: (t) => t.family === word };
  const models = acceleratorModelsFor(word);
  const hasModel = (t: CatalogInstanceType) =>
    t.gpus !== undefined && models.includes(normalizeModel(t.gpus.model));
  if (types.some(hasModel)) return { match: 'accelerator', test: hasModel };
  const keyword = KEYWORDS[word];
  if (keyword) return { match: 'keyword', test: keyword };
  return undefined;
}

/** Small to large, then by name: the natural reading order of a family. */
function bySize(a: CatalogInstanceType, b: CatalogInstanceType): number {
  return a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB || (a.instanceType < b.instanceType ? -1 : 1);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}
