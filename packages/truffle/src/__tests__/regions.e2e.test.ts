import { fileURLToPath } from 'node:url';
import { regionSchema } from '@truffle-spawn/core/protocol';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/truffle.cjs', import.meta.url));

describe('truffle regions, built binary, offline', () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it('prints one region record per catalog region on a pipe, words on stderr', async () => {
    const r = await runBuiltBin(BIN, ['regions', '--offline']);
    expect(r.code).toBe(0);
    const regions = r.records.map((x) => regionSchema.parse(x));
    expect(regions.map((x) => x.region)).toEqual([...regions.map((x) => x.region)].sort());
    expect(regions.find((x) => x.region === 'il-central-1')).toEqual({
      v: 1,
      type: 'region',
      region: 'il-central-1',
      name: 'Israel (Tel Aviv)',
      optInRequired: true,
    });
    expect(r.stderr).toContain('Offline (--offline)');
  });

  it('writes one JSON array with --json and the same rows as CSV', async () => {
    const json = await runBuiltBin(BIN, ['regions', '--offline', '--json']);
    const rows = JSON.parse(json.stdout) as { region: string }[];
    expect(rows.length).toBe(30);
    const csv = await runBuiltBin(BIN, ['regions', '--offline', '-o', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('region,name,optInRequired');
    expect(lines).toContain('us-west-2,US West (Oregon),false');
    expect(lines).toHaveLength(rows.length + 1);
  });

  it('shows its examples in --help', async () => {
    const r = await runBuiltBin(BIN, ['regions', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ truffle regions --all');
  });
});
