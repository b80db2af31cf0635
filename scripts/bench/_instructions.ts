import { execFileSync } from 'node:child_process';
import { run } from './_run.ts';

/** Whether valgrind is on PATH (the instruction counts need it; the timings do not). */
export function hasValgrind(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instructions one process executes, counted by callgrind, with V8's `--predictable` (one
 * thread, fixed hash seed): the count repeats to ~0.01 %, where a timing on this shared machine
 * moves by 5 %, so a change of 1 % shows. It is not time: system calls, page faults and cache
 * misses are not counted. `--predictable` changes V8's flag hash, so cached code made without it
 * is rejected: warm a compile cache of its own with {@link predictableArgs} first.
 */
export async function instructions(
  node: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<number> {
  const r = await run(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', node, ...predictableArgs(args)],
    { env, timeoutMs: 300_000 },
  );
  const counted = /Collected : (\d+)/.exec(r.stderr);
  if (r.code !== 0 || !counted)
    throw new Error(
      `callgrind of node ${args.join(' ')} exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  return Number(counted[1]);
}

/** Node's arguments for a counted run (and for the runs that warm its compile cache). */
export const predictableArgs = (args: readonly string[]): string[] => ['--predictable', ...args];
