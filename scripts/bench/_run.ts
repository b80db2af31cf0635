import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** One finished child process: wall time from spawn to exit, output, stderr lines with arrival times. */
export interface RunResult {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each complete stderr line and when it arrived, in ms since the spawn. */
  stderrLines: { at: number; line: string }[];
}

export interface RunOptions {
  env: Record<string, string>;
  timeoutMs?: number;
  cwd?: string;
  /** Gets stdout as it arrives (the result still holds all of it). */
  onStdout?: (chunk: string) => void;
}

/** Runs `command args` with exactly `env` (plus PATH), timing the whole process as a user would. */
export function run(command: string, args: readonly string[], o: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '', ...o.env },
      cwd: o.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const stderrLines: RunResult['stderrLines'] = [];
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      o.onStdout?.(c.toString());
    });
    child.stderr.on('data', (c: Buffer) => {
      const at = performance.now() - started;
      const text = c.toString();
      stderr += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) stderrLines.push({ at, line });
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (partial) stderrLines.push({ at: ms, line: partial });
      if (signal === 'SIGKILL') {
        reject(new Error(`${command} ${args.join(' ')} timed out after ${o.timeoutMs ?? 120_000} ms`));
        return;
      }
      resolve({ ms, code, stdout, stderr, stderrLines });
    });
  });
}

/** Like {@link run}, but a non-zero exit is an error that quotes the end of stderr. */
export async function runOk(command: string, args: readonly string[], o: RunOptions): Promise<RunResult> {
  const r = await run(command, args, o);
  if (r.code !== 0) {
    const lines = r.stderr.trim().split('\n');
    // The error line itself, not the stack under it, is what says what broke.
    const first = lines.findIndex((l) => /error/i.test(l));
    const shown = first >= 0 ? lines.slice(first, first + 3) : lines.slice(-4);
    throw new Error(`\`${[command, ...args].join(' ')}\` exited ${r.code}:\n${shown.join('\n')}`);
  }
  return r;
}
