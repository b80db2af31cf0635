import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_BIN } from './_bins.ts';

// Issue 11: `spawn list --output json` with no instances prints `[]`; parser errors off a terminal
// write an `error` record and exit 2.
const moto = useMoto();

const spawnCli = (args: string[]) => runBuiltBin(SPAWN_BIN, args, moto.env);

describe('spawn output formats, end to end', { timeout: 60_000 }, () => {
  beforeAll(() => assertBuilt('core', 'spawn'));

  it('list --output json with no instances prints []', async () => {
    const r = await spawnCli(['list', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/No spawn-managed instances/);
  });

  it('an unknown option off a terminal: exit 2 and one USAGE error record', async () => {
    const r = await spawnCli(['list', '--bogus']);
    expect(r.code).toBe(2);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      expect.objectContaining({ type: 'error', code: 'USAGE', message: "unknown option '--bogus'" }),
    ]);
  });
});
