import type { Catalog } from '../catalog/types.ts';
import { searchInstanceTypes } from '../search/search-instance-types.ts';
import { suggest } from '../search/suggest.ts';

/**
 * Instance type names a spot/capacity query names, through the catalog search: exact types, globs
 * (`m7i.*`), families (`c7g`), accelerators (`h100`) or keywords, several separated by commas.
 * Fuzzy guesses are never priced (a typo must not quietly become another type's price): they
 * come back as `didYouMean` instead. Names are sorted and unique.
 */
export function matchCatalogTypes(
  catalog: Pick<Catalog, 'types'>,
  query: string,
): { instanceTypes: string[]; didYouMean: string[] } {
  const matched = new Set<string>();
  const didYouMean = new Set<string>();
  for (const term of query
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const found = searchInstanceTypes(catalog.types, term).filter((r) => r.match !== 'fuzzy');
    for (const r of found) matched.add(r.type.instanceType);
    if (found.length === 0) for (const s of suggest(catalog.types, term)) didYouMean.add(s);
  }
  return { instanceTypes: [...matched].sort(), didYouMean: [...didYouMean] };
}
