import type { RunResult } from './_run.ts';

/** One `[aws] service.Operation region 12.3ms [ErrorName]` line from `--debug`, placed in time. */
export interface AwsCall {
  op: string;
  region: string;
  ms: number;
  error?: string;
  /** Estimated start/end in ms since the process started (the line is printed when the call settles). */
  start: number;
  end: number;
}

const LINE = /^\[aws\] (\S+) (\S+) ([\d.]+)ms(?: (\S+))?/;

export function parseAwsCalls(r: RunResult): AwsCall[] {
  return r.stderrLines.flatMap(({ at, line }) => {
    const m = LINE.exec(line.trim());
    if (!m) return [];
    const ms = Number(m[3]);
    return [{ op: m[1]!, region: m[2]!, ms, error: m[4], start: at - ms, end: at }];
  });
}

/** Calls per operation, e.g. `{ 'ec2.DescribeRegions': 1 }`, in first-seen order. */
export function countByOperation(calls: readonly AwsCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c.op, (counts.get(c.op) ?? 0) + 1);
  return counts;
}

// Line arrival is a few ms behind the real settle time; less overlap than this is "one after another".
const OVERLAP_SLACK_MS = 5;

/**
 * Sequential rounds: groups of calls that overlap in time, in order. N calls in N rounds means
 * every call waited for the one before it; independent lookups in parallel need fewer rounds.
 */
export function sequentialRounds(calls: readonly AwsCall[]): AwsCall[][] {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const rounds: AwsCall[][] = [];
  let roundEnd = Number.NEGATIVE_INFINITY;
  for (const call of sorted) {
    const current = rounds.at(-1);
    if (current && call.start < roundEnd - OVERLAP_SLACK_MS) {
      current.push(call);
      roundEnd = Math.max(roundEnd, call.end);
    } else {
      rounds.push([call]);
      roundEnd = call.end;
    }
  }
  return rounds;
}

/** `ec2.DescribeVpcs 1, ec2.RunInstances 1` style summary. */
export function formatCounts(counts: Map<string, number>): string {
  return [...counts].map(([op, n]) => `${op} ${n}`).join(', ');
}
