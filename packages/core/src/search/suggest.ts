import type { CatalogInstanceType } from '../catalog/types.ts';
import { fuseIndex } from './_fuse-index.ts';

/** Up to `max` names (types, families or accelerator models) close to `query`, for "did you mean". */
export function suggest(types: readonly CatalogInstanceType[], query: string, max = 5): string[] {
  const q = query.replace(/[*?]/g, '').replace(/\.+$/, '').trim().toLowerCase();
  if (q === '') return [];
  const out = new Set<string>();
  const loose = fuseIndex(types, 0.6).search(q, { limit: 50 });
  for (const r of loose) {
    const t = r.item.type;
    const label = t.family === q.split('.')[0] || q.includes('.') ? t.instanceType : t.family;
    out.add(label);
    if (out.size >= max) break;
  }
  return [...out];
}
