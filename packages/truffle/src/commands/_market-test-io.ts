import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../main.ts';

/** Output of one in-process truffle run. */
export interface TruffleRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON (throws on any non-JSON line, which is the point). */
  records: Record<string, unknown>[];
}

/**
 * Runs `truffle argv` in-process with piped (non-TTY) streams, a temp HOME and cache dir, and only
 * the env given: tests never see the real home, cache or credentials.
 */
export async function runTruffle(argv: string[], env: Record<string, string> = {}): Promise<TruffleRun> {
  const home = mkdtempSync(join(tmpdir(), 'truffle-market-'));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (b: Buffer) => chunks.out.push(b));
  stderr.on('data', (b: Buffer) => chunks.err.push(b));
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), ...env },
    platform: 'linux',
    homedir: home,
    cwd: home,
    now: () => new Date('2026-08-01T12:00:00Z'),
  });
  const text = Buffer.concat(chunks.out).toString('utf8');
  const records = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, stdout: text, stderr: Buffer.concat(chunks.err).toString('utf8'), records };
}
