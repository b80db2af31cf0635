import type { UserError } from '../errors/user-error.ts';
import { everyRegionFailed } from './every-region-failed.ts';
import { translateAwsError } from './translate-aws-error.ts';

/** Per-region results of {@link fanOut}, each list in input order. */
export interface FanOutResult<T> {
  ok: { region: string; value: T }[];
  failed: { region: string; error: UserError }[];
}

export interface FanOutOptions {
  /** Regions in flight at once (default 8). */
  concurrency?: number;
  /**
   * The command's signal (Ctrl-C): no region starts after it fires, `fn` gets it to pass to its
   * calls, and the fan-out rejects at once with CANCELLED instead of waiting for them.
   */
  signal?: AbortSignal;
  /**
   * Return normally even when every region failed. By default that throws (see
   * {@link everyRegionFailed}): "no region answered" must never look like "nothing found".
   */
  allowEveryRegionFailed?: boolean;
  /** Called with 0 done before the first region starts, then as each region answers or fails. */
  onProgress?: (progress: RegionProgress) => void;
}

/** How far a fan-out is: regions settled of all asked (for a spinner; core only reports it). */
export interface RegionProgress {
  done: number;
  total: number;
}

/**
 * Runs `fn` for every region with bounded concurrency. A failing region does not fail the call:
 * its error is translated and reported in `failed`, so commands print partial results and warn.
 * When every region failed, it throws one UserError carrying the cause (credentials, permission,
 * network...), so the command exits with that error's code.
 */
export async function fanOut<T>(
  regions: string[],
  fn: (region: string, signal: AbortSignal | undefined) => Promise<T>,
  o: FanOutOptions = {},
): Promise<FanOutResult<T>> {
  const { signal } = o;
  const settled: ({ ok: true; value: T } | { ok: false; error: UserError })[] = new Array(regions.length);
  let next = 0;
  let done = 0;
  o.onProgress?.({ done, total: regions.length });
  const worker = async () => {
    while (next < regions.length && !signal?.aborted) {
      const index = next++;
      const region = regions[index] as string;
      try {
        settled[index] = { ok: true, value: await fn(region, signal) };
      } catch (error) {
        settled[index] = { ok: false, error: translateAwsError(error, { region }) };
      }
      o.onProgress?.({ done: ++done, total: regions.length });
    }
  };
  const width = Math.max(1, Math.min(o.concurrency ?? 8, regions.length));
  const all = Promise.all(Array.from({ length: width }, worker));
  await (signal ? raceAbort(all, signal) : all);

  const result: FanOutResult<T> = { ok: [], failed: [] };
  regions.forEach((region, index) => {
    const s = settled[index];
    if (s?.ok) result.ok.push({ region, value: s.value });
    else if (s) result.failed.push({ region, error: s.error });
  });
  if (!o.allowEveryRegionFailed && result.ok.length === 0 && result.failed.length > 0) {
    throw everyRegionFailed(result.failed);
  }
  return result;
}

async function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const cancelled = () => translateAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  if (signal.aborted) throw cancelled();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
