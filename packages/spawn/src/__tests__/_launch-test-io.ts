import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../main.ts';

/** Output of one in-process spawn run. */
export interface SpawnRun {
  code: number;
  stdout: string;
  stderr: string;
  records: Record<string, unknown>[];
  home: string;
}

/** A fresh temp HOME: tests never read or write the real ~/.ssh, ~/.aws or cache. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'spawn-launch-'));
}

/** Runs `spawn argv` in-process with piped streams, `stdinText` on stdin and a temp HOME. */
export async function runSpawn(
  argv: string[],
  o: {
    stdinText?: string | Buffer;
    env?: Record<string, string>;
    home?: string;
    signal?: AbortSignal;
    /** The clock the run sees (default 2026-08-01T12:00:00Z). */
    now?: Date;
    /** stdout is not NDJSON (e.g. `spawn logs`): `records` stays empty. */
    rawStdout?: boolean;
  } = {},
): Promise<SpawnRun> {
  const home = o.home ?? tempHome();
  const stdin = new PassThrough();
  stdin.end(o.stdinText ?? '');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (b: Buffer) => chunks.out.push(b));
  stderr.on('data', (b: Buffer) => chunks.err.push(b));
  const code = await main(
    argv,
    {
      stdin,
      stdout,
      stderr,
      env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), ...process.env, ...o.env },
      platform: 'linux',
      homedir: home,
      cwd: home,
      now: () => o.now ?? new Date('2026-08-01T12:00:00Z'),
    },
    o.signal,
  );
  const text = Buffer.concat(chunks.out).toString('utf8');
  const records = (o.rawStdout ? '' : text)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, stdout: text, stderr: Buffer.concat(chunks.err).toString('utf8'), records, home };
}
