import { fileURLToPath } from 'node:url';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from './_run-truffle.ts';

// Issue 11: `--output json` with nothing found prints `[]`; CSV has raw values; a parser error off
// a terminal writes an `error` record and exits 2. All offline: no AWS involved.
const BIN = fileURLToPath(new URL('../../bin/truffle.cjs', import.meta.url));

const truffle = (args: string[]) =>
  runBuiltBin(BIN, args, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }, tempHome());

describe('truffle output formats, end to end', () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it('--output json with no result prints [] (and the reason on stderr)', async () => {
    const r = await truffle([
      'search',
      'm7i.*',
      '--offline',
      '--region',
      'us-east-1',
      '--max-price',
      '0.000001',
      '-o',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/No instance type matches/);
  });

  it('--output csv prints raw values: numbers, ;-joined AZs, no $ or table padding', async () => {
    const r = await truffle(['search', 'm7i.large', '--offline', '--region', 'us-east-1', '-o', 'csv']);
    expect(r.code).toBe(0);
    const [header = '', row = ''] = r.stdout.trimEnd().split('\n');
    const cells = Object.fromEntries(header.split(',').map((h, i) => [h, row.split(',')[i]]));
    expect(cells).toMatchObject({
      instanceType: 'm7i.large',
      region: 'us-east-1',
      vcpus: '2',
      memoryMiB: '8192',
    });
    expect(cells.availabilityZones).toMatch(/^us-east-1[a-z](;us-east-1[a-z])+$/);
    expect(cells.pricePerHour).toMatch(/^\d+\.\d+$/);
    expect(r.stdout).not.toMatch(/\$| {2}/);
  });

  it.each([
    [['search', 'm7i.large', '--bogus'], "unknown option '--bogus'"],
    [['search', 'm7i.large', '--region'], 'argument missing'],
    [['no-such-command'], 'unknown command'],
  ])('parser error %j off a terminal: exit 2 and one error record', async (args, text) => {
    const r = await truffle(args);
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      v: 1,
      type: 'error',
      code: 'USAGE',
      message: expect.stringContaining(text),
    });
    expect(r.stderr).toContain(text);
  });
});
