import type { CatalogInstanceType } from '../catalog/types.ts';
import { fuseIndex } from './_fuse-index.ts';
import { instanceTypeName } from './type-name.ts';

/** Up to `max` names (types, families or accelerator models) close to `query`, for "did you mean". */
export function suggest(types: readonly CatalogInstanceType[], query: string, max = 5): string[] {
  const q = query.replace(/[*?]/g, '').replace(/\.+$/, '').trim().toLowerCase();
  if (q === '') return [];
  const out = new Set<string>(instanceTypeName(q) ? nearNames(types, q, max) : []);
  const loose = fuseIndex(types, 0.6).search(q, { limit: 50 });
  for (const r of loose) {
    if (out.size >= max) break;
    const t = r.item.type;
    const label = t.family === q.split('.')[0] || q.includes('.') ? t.instanceType : t.family;
    out.add(label);
  }
  return [...out];
}

/**
 * Type names one or two edits from `name` (`m7i.larg`, `t3.mircro`), those of a longer family with
 * the same size first (`m7.large` → m7i/m7g/m7a.large), then current generation, then fewer edits.
 */
function nearNames(types: readonly CatalogInstanceType[], name: string, max: number): string[] {
  const [family = '', size = ''] = name.split('.');
  const scored = types.flatMap((t) => {
    const extends_ = t.family.startsWith(family) && t.instanceType.endsWith(`.${size}`);
    const d = editDistance(name, t.instanceType, 2);
    return d <= 2 || extends_ ? [{ t, d, extends_ }] : [];
  });
  scored.sort(
    (a, b) =>
      Number(b.extends_) - Number(a.extends_) ||
      Number(b.t.currentGeneration) - Number(a.t.currentGeneration) ||
      a.d - b.d ||
      a.t.family.length - b.t.family.length ||
      (a.t.instanceType < b.t.instanceType ? -1 : 1),
  );
  return scored.slice(0, max).map((s) => s.t.instanceType);
}

/** Levenshtein distance with adjacent transpositions, capped: anything above `cap` is `cap + 1`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(v);
    }
    rows.push(row);
  }
  return Math.min(rows[a.length]?.[b.length] ?? cap + 1, cap + 1);
}
