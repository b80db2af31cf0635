import { machineTag } from './_machine.ts';
import { median } from './_stats.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
let failures = 0;
let misses = 0;

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/** Where a figure was measured, when it differs from the process printing it. */
export interface FigureContext {
  /** Node version the subject ran on (e.g. `22.23.3`); defaults to this process's. */
  node?: string;
}

/** A missed target is a regression: the figure is printed and the process will exit 1. */
function verdict(ok: boolean): string {
  if (!ok) {
    misses++;
    process.exitCode = 1;
  }
  return ok ? 'ok' : 'MISSED';
}

/**
 * One figure: the subject's median as a ratio of the baseline's median from the same run, the
 * absolute medians for context, the target verdict, and where it was measured. A missed target
 * is reported (MISSED) and sets the exit code to 1; the remaining figures still run.
 */
export function ratioLine(
  o: {
    area: string;
    subject: string;
    baseline: string;
    subjectMs: readonly number[];
    baselineMs: readonly number[];
    target: number;
  } & FigureContext,
): boolean {
  const s = median(o.subjectMs);
  const b = median(o.baselineMs);
  const ratio = s / b;
  const ok = ratio <= o.target;
  out(
    `${o.area.padEnd(9)} ${o.subject.padEnd(44)} ${ratio.toFixed(2)}x ${o.baseline.padEnd(22)} ` +
      `(median ${fmtMs(s)} vs ${fmtMs(b)}, n=${o.subjectMs.length})  target <= ${o.target}x  ${verdict(ok)}  ` +
      machineTag(o.node),
  );
  return ok;
}

/**
 * A figure with an absolute target (e.g. footprint) or none (`target` undefined: context only).
 * A missed target prints MISSED and sets the exit code to 1.
 */
export function valueLine(
  area: string,
  label: string,
  value: string,
  target?: { text: string; ok: boolean },
  context: FigureContext = {},
) {
  const shown = target ? `  target ${target.text}  ${verdict(target.ok)}` : '';
  out(`${area.padEnd(9)} ${label.padEnd(44)} ${value}${shown}  ${machineTag(context.node)}`);
}

/** A free-form note under a figure (indented, so the figure lines stay greppable). */
export function note(text: string): void {
  for (const line of text.split('\n')) out(`          ${line}`);
}

/**
 * Runs one named part of a benchmark; an error prints a FAILED line and the next part still runs.
 * The process exit code becomes 1 once anything failed.
 */
export async function part(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    failures++;
    process.exitCode = 1;
    const message = e instanceof Error ? e.message : String(e);
    out(`FAILED    ${name}: ${message.split('\n')[0]}`);
    for (const line of message.split('\n').slice(1, 8)) out(`          ${line}`);
  }
}

export { fmtMs };

/** How many parts failed so far in this process. */
export const failureCount = () => failures;

/** How many figures missed their target so far in this process. */
export const missedCount = () => misses;
