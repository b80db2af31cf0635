import { median } from './_stats.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
let failures = 0;

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/**
 * One figure: the subject's median as a ratio of the baseline's median from the same run, the
 * absolute medians for context, and the target verdict. A missed target is reported, not thrown.
 */
export function ratioLine(o: {
  area: string;
  subject: string;
  baseline: string;
  subjectMs: readonly number[];
  baselineMs: readonly number[];
  target: number;
}): boolean {
  const s = median(o.subjectMs);
  const b = median(o.baselineMs);
  const ratio = s / b;
  const ok = ratio <= o.target;
  out(
    `${o.area.padEnd(9)} ${o.subject.padEnd(44)} ${ratio.toFixed(2)}x ${o.baseline.padEnd(22)} ` +
      `(median ${fmtMs(s)} vs ${fmtMs(b)}, n=${o.subjectMs.length})  target <= ${o.target}x  ${ok ? 'ok' : 'MISSED'}`,
  );
  return ok;
}

/** A figure with an absolute target (e.g. footprint) or none (`target` undefined: context only). */
export function valueLine(
  area: string,
  label: string,
  value: string,
  target?: { text: string; ok: boolean },
) {
  const verdict = target ? `  target ${target.text}  ${target.ok ? 'ok' : 'MISSED'}` : '';
  out(`${area.padEnd(9)} ${label.padEnd(44)} ${value}${verdict}`);
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
