import type { StepContext } from './context.ts';

/** What a step did: the line shown in its place, and the value it hands on. */
export interface Done<T> {
  line: string;
  value: T;
}

/** One visible step of a launch; `run` says what it did and returns what it found or made. */
export interface Step<T> {
  id: string;
  title: string;
  run: (ctx: StepContext) => Promise<Done<T>>;
}

/** The values of a tuple of steps, in the same order. */
export type StepValues<S extends readonly Step<unknown>[]> = {
  -readonly [K in keyof S]: S[K] extends Step<infer T> ? T : never;
};

/**
 * Runs steps for the launch: one on its own, or a titled group concurrently (the first failure
 * cancels the others). Core's plain runner does it silently; the CLI's shows progress.
 */
export interface StepRunner {
  step<T>(step: Step<T>): Promise<T>;
  group<S extends readonly Step<unknown>[]>(title: string, steps: readonly [...S]): Promise<StepValues<S>>;
}
