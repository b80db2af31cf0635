import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { tempHome } from './_run-truffle.ts';

/** truffle in-process with stdout as an 80-column terminal (or a pipe). */
async function truffle(argv: string[], isTTY: boolean) {
  const home = tempHome();
  const stdout = Object.assign(new PassThrough(), { isTTY, columns: 80 });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { NO_COLOR: '1', XDG_CACHE_HOME: `${home}/cache` },
    platform: 'linux',
    homedir: home,
    cwd: home,
    now: () => new Date('2026-11-26T12:00:00Z'),
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('rows hidden by --limit on a terminal', () => {
  it('search: says how many types --limit hid and how to see them; the table fits 80 columns', async () => {
    const r = await truffle(['search', 'm7i.*', '--offline', '--limit', '2', '--region', 'us-east-1'], true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/\d+ more instance types hidden by --limit 2; see them all with --limit \d+/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('says nothing when nothing was hidden, or to a pipe', async () => {
    const all = await truffle(
      ['search', 'm7i.large', '--offline', '--limit', '5', '--region', 'us-east-1'],
      true,
    );
    expect(all.stderr).not.toContain('hidden by --limit');
    const piped = await truffle(
      ['search', 'm7i.*', '--offline', '--limit', '2', '--region', 'us-east-1'],
      false,
    );
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('hidden by --limit');
  });

  it('spot (offline): counts the rows it hid', async () => {
    const r = await truffle(['spot', 'm7i.*', '--offline', '--limit', '3', '--region', 'us-east-1'], true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\d+ more rows hidden by --limit 3/);
  });
});
