const NAME = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const GLOB = /^[a-z0-9*?-]+\.[a-z0-9*?-]+$|^[a-z0-9-]*\*$/;

/**
 * The EC2 `instance-type` filter values (exact names or `*`/`?` wildcards, which the filter
 * accepts) that a query can be narrowed to before asking AWS: an exact name (`p3.2xlarge`) or a
 * glob (`c7g.*`, `p5*`). Undefined for anything else (words, families, GPU names): those are
 * matched against every type AWS lists.
 */
export function instanceTypePatterns(query: string | undefined): string[] | undefined {
  const q = query?.trim().toLowerCase() ?? '';
  if (q === '' || q === '*') return undefined;
  if (NAME.test(q)) return [q];
  if (/[*?]/.test(q) && GLOB.test(q)) return [q];
  return undefined;
}

/** True when `name` matches the EC2 filter value `pattern` (`*` any run, `?` one character). */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!/[*?]/.test(pattern)) return name === pattern;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

/**
 * Cached scopes whose answer contains a pattern's, narrowest first: the pattern itself, for an
 * exact name its family glob (`m7i.*` covers `m7i.large`), then everything.
 */
export function coveringScopes(pattern: string): string[] {
  const family = /[*?]/.test(pattern) ? undefined : pattern.split('.')[0];
  return [pattern, ...(family ? [`${family}.*`] : []), '*'];
}
