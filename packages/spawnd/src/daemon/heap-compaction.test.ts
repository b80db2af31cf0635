import { describe, expect, it } from 'vitest';
import { createHeapCompaction, type ExposedGc, HEAP_GROWTH_BYTES } from './heap-compaction.ts';

const KB = 1024;

/** A heap whose committed size the test sets; a compaction takes it to `afterGc`. */
function fakeHeap(start: number, afterGc: number) {
  const heap = { committed: start, gcs: 0 };
  const gc: ExposedGc = (options) => {
    expect(options).toEqual({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    heap.gcs++;
    heap.committed = afterGc;
  };
  return { heap, gc };
}

describe('heap compaction between cycles', () => {
  it('compacts once the heap has grown by the allowance since the last compaction, then measures from there', () => {
    const { heap, gc } = fakeHeap(6000 * KB, 6200 * KB);
    const c = createHeapCompaction({ gc, committed: () => heap.committed });
    c.afterCycle(); // baseline 6000 KB
    // Then the new baseline is the compacted heap (6200 KB), not the first one.
    for (const [baseline, gcsBefore] of [
      [6000 * KB, 0],
      [6200 * KB, 1],
    ] as const) {
      heap.committed = baseline + HEAP_GROWTH_BYTES - 1;
      c.afterCycle();
      expect(heap.gcs).toBe(gcsBefore);
      heap.committed = baseline + HEAP_GROWTH_BYTES;
      c.afterCycle();
      expect(heap.gcs).toBe(gcsBefore + 1);
    }
  });

  it('a heap that shrank on its own lowers the baseline', () => {
    const { heap, gc } = fakeHeap(8000 * KB, 6000 * KB);
    const c = createHeapCompaction({ gc, committed: () => heap.committed });
    c.afterCycle();
    heap.committed = 6000 * KB;
    c.afterCycle();
    heap.committed = 6000 * KB + HEAP_GROWTH_BYTES;
    c.afterCycle();
    expect(heap.gcs).toBe(1);
  });

  it('without an exposed gc (tests, plain node) it does nothing and never reads the heap', () => {
    let reads = 0;
    const c = createHeapCompaction({
      gc: undefined,
      committed: () => {
        reads++;
        return 0;
      },
    });
    c.afterCycle();
    c.afterCycle();
    expect(reads).toBe(0);
  });
});
