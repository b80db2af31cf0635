/**
 * Keeps spawnd's V8 heap from creeping up between the full GCs V8 schedules on its own.
 *
 * With `--minor-ms` (build-spawnd's flags) the young generation is swept in place, and a young page
 * that keeps a few live objects is promoted to the old space whole: each cycle leaves part of a
 * 256 KB page committed (V8 heap 6.8 -> 8.3 MB over 26 cycles, measured). V8's own full GC comes
 * only at the old space's allocation limit, megabytes later, and a regular full GC keeps the pages
 * it frees in a pool; only a memory-reducing one gives them back. So after a cycle, once the heap
 * has committed HEAP_GROWTH_BYTES more than after the last compaction, one memory-reducing GC runs
 * (`gc({ flavor: 'last-resort' })`, exposed by `--expose-gc` in the executable's flags). Between
 * cycles almost nothing is live, so it frees what the cycles left (measured: 7.8 -> 7.0 MB committed,
 * ~35 ms of CPU every few minutes at the default interval).
 */

/** V8's `gc()` under `--expose-gc` (absent otherwise: tests, `node spawnd.cjs`). */
export type ExposedGc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

export interface HeapCompaction {
  /** Call between cycles; compacts when the heap grew past the allowance. */
  afterCycle(): void;
}

/** Two 256 KB heap pages: less is within one cycle's own noise. */
export const HEAP_GROWTH_BYTES = 512 * 1024;

export function createHeapCompaction(o: {
  gc: ExposedGc | undefined;
  /** Bytes the V8 heap has committed (`process.memoryUsage().heapTotal`). */
  committed: () => number;
}): HeapCompaction {
  const { gc, committed } = o;
  let baseline: number | undefined;
  return {
    afterCycle() {
      if (!gc) return;
      const now = committed();
      // The first cycle sets the baseline: V8's memory reducer has just compacted start-up's heap.
      if (baseline === undefined || now < baseline) {
        baseline = now;
        return;
      }
      if (now - baseline < HEAP_GROWTH_BYTES) return;
      gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      baseline = committed();
    },
  };
}
