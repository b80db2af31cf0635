/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs per benchmark: BENCH_RUNS overrides the default (at least 3, so a median means something). */
export function runsWanted(fallback: number): number {
  const n = Number(process.env.BENCH_RUNS);
  return Number.isInteger(n) && n >= 3 ? n : fallback;
}

/**
 * Measures a subject and its baseline alternately in ABBA order (b s, s b, ...) so load changes on a
 * shared machine hit both alike, after one discarded warm-up of each (disk cache, moto's set-up).
 */
export async function interleave(
  runs: number,
  baseline: () => Promise<number>,
  subject: () => Promise<number>,
): Promise<{ baseline: number[]; subject: number[] }> {
  await baseline();
  await subject();
  const out = { baseline: [] as number[], subject: [] as number[] };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      out.baseline.push(await baseline());
      out.subject.push(await subject());
    } else {
      out.subject.push(await subject());
      out.baseline.push(await baseline());
    }
  }
  return out;
}

/**
 * Measures several commands round-robin, rotating the order each round, after one discarded
 * warm-up round: every command sees the same mix of load, so their medians compare.
 */
export async function roundRobin<K extends string>(
  runs: number,
  subjects: Record<K, () => Promise<number>>,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(subjects) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (const k of keys) await subjects[k]();
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(i + j) % keys.length]!;
      out[k].push(await subjects[k]());
    }
  }
  return out;
}
