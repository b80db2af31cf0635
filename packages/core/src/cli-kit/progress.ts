import type { Output } from './output.ts';

/** How far a long AWS step is: regions settled of all asked (fanOut's onProgress). */
export interface ProgressCount {
  done: number;
  total: number;
}

/**
 * A spinner for long AWS steps, on stderr and only on a terminal. The CLI supplies it (truffle's
 * loads `ora` on a terminal only); core code just reports counts through `update`.
 */
export interface Progress {
  /** Shows (or relabels) the spinner. */
  start(text: string): void;
  /** `text: 3/17 regions`. */
  update(count: ProgressCount): void;
  /** Clears it; anything written to stderr or stdout afterwards stands alone. */
  stop(): void;
}

/** No spinner (pipes, tests, CLIs without one). */
export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/** `output` whose every write first clears the spinner, so a line never lands in the middle of it. */
export function stopProgressOnWrite(output: Output, progress: Progress): Output {
  if (progress === silentProgress) return output;
  const before =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      progress.stop();
      fn(...args);
    };
  return {
    ...output,
    format: output.format,
    style: output.style,
    records: before(output.records),
    record: before(output.record),
    info: before(output.info),
    warn: before(output.warn),
    success: before(output.success),
    human: before(output.human),
  };
}
