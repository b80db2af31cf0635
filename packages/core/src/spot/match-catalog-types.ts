import type { Catalog } from '../catalog/types.ts';

/**
 * Instance type names of the catalog a spot/capacity query names: exact types, globs (`m7i.*`,
 * `*.xlarge`, `g6?.2xlarge`) or families (`c7g`), several separated by commas. Sorted, unique;
 * empty when nothing matches (no fuzzy guessing: prices for a type the user did not mean mislead).
 */
export function matchCatalogTypes(catalog: Pick<Catalog, 'types'>, query: string): string[] {
  const names = catalog.types.map((t) => t.instanceType);
  const matched = new Set<string>();
  for (const raw of query.split(',')) {
    const term = raw.trim().toLowerCase();
    if (!term) continue;
    if (/[*?]/.test(term)) {
      const pattern = globToRegExp(term);
      for (const name of names) if (pattern.test(name)) matched.add(name);
    } else if (term.includes('.')) {
      if (names.includes(term)) matched.add(term);
    } else {
      for (const t of catalog.types) if (t.family === term) matched.add(t.instanceType);
    }
  }
  return [...matched].sort();
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}
