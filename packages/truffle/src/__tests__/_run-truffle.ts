import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '@truffle-spawn/core/cli-kit';
import { main } from '../main.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON, one object per line (empty when stdout is not NDJSON). */
  records: Record<string, unknown>[];
}

/** A fresh temp HOME (also holding the cache) so tests never touch the real home or cache. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'truffle-test-'));
}

/** Runs truffle in-process with PassThrough streams (stdout is not a TTY: NDJSON). */
export async function runTruffle(
  argv: string[],
  o: { env?: Record<string, string | undefined>; home?: string; now?: Date } = {},
): Promise<RunResult> {
  const home = o.home ?? tempHome();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  const io: CliIo = {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { XDG_CACHE_HOME: join(home, 'cache'), NO_COLOR: '1', ...o.env },
    platform: 'linux',
    homedir: home,
    cwd: home,
    now: () => o.now ?? new Date('2026-11-26T12:00:00Z'),
  };
  const code = await main(argv, io);
  const text = Buffer.concat(chunks.out).toString('utf8');
  const lines = text.split('\n').filter((l) => l !== '');
  return {
    code,
    stdout: text,
    stderr: Buffer.concat(chunks.err).toString('utf8'),
    // A table (-o table) is not NDJSON: records stay empty then.
    records: lines.every((l) => l.startsWith('{'))
      ? lines.map((l) => JSON.parse(l) as Record<string, unknown>)
      : [],
  };
}
