import type { Catalog } from './types.ts';

const DAY_MS = 86_400_000;

/** Human words for how old the offline data is, e.g. "offline catalog from 2026-07-20 (129 days old)". */
export function catalogAgeText(catalog: Pick<Catalog, 'asOf'>, now: Date): string {
  const date = catalog.asOf.slice(0, 10);
  const days = Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
  const age = days <= 0 ? 'from today' : days === 1 ? '1 day old' : `${days} days old`;
  return `offline catalog from ${date} (${age})`;
}
