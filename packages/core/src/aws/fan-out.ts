import type { UserError } from '../errors/user-error.ts';
import { translateAwsError } from './translate-aws-error.ts';

/** Per-region results of {@link fanOut}, each list in input order. */
export interface FanOutResult<T> {
  ok: { region: string; value: T }[];
  failed: { region: string; error: UserError }[];
}

export interface FanOutOptions {
  /** Regions in flight at once (default 8). */
  concurrency?: number;
}

/**
 * Runs `fn` for every region with bounded concurrency. A failing region never fails the whole
 * call: its error is translated and reported in `failed`, so commands can print partial results.
 */
export async function fanOut<T>(
  regions: string[],
  fn: (region: string) => Promise<T>,
  o: FanOutOptions = {},
): Promise<FanOutResult<T>> {
  const settled: ({ ok: true; value: T } | { ok: false; error: UserError })[] = new Array(regions.length);
  let next = 0;
  const worker = async () => {
    while (next < regions.length) {
      const index = next++;
      const region = regions[index] as string;
      try {
        settled[index] = { ok: true, value: await fn(region) };
      } catch (error) {
        settled[index] = { ok: false, error: translateAwsError(error, { region }) };
      }
    }
  };
  const width = Math.max(1, Math.min(o.concurrency ?? 8, regions.length));
  await Promise.all(Array.from({ length: width }, worker));

  const result: FanOutResult<T> = { ok: [], failed: [] };
  regions.forEach((region, index) => {
    const s = settled[index];
    if (s?.ok) result.ok.push({ region, value: s.value });
    else if (s) result.failed.push({ region, error: s.error });
  });
  return result;
}
