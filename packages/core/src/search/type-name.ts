/**
 * The instance-type name a query spells (`p3.2xlarge`, `m9z.large`, `u-6tb1.metal`, `M7I.LARGE`),
 * lower-cased; undefined for anything else (globs, words, families). Such a query is matched
 * exactly or not at all: truffle never answers it with a look-alike.
 */
export function instanceTypeName(query: string): string | undefined {
  const q = query.trim().toLowerCase();
  return /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/.test(q) ? q : undefined;
}
