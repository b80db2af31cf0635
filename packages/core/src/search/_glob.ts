/** True when the query uses glob syntax (`*`, `?`). */
export function isGlob(query: string): boolean {
  return /[*?]/.test(query);
}

/** A case-insensitive, anchored RegExp for a glob over instance type names. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}
