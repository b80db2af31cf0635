import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_BIN } from './_bins.ts';

const moto = useMoto();

// The S3 client (~50-70 ms of CPU to load) is needed only to publish spawnd or to read checksums
// that are not pinned. `spawn logs` and `spawn run` reach core's agent helpers (shell quoting, the
// job's paths); through the agent index they loaded the S3 client on every run. This records the
// packages the built bin requires, against moto.
const SPY = `const M = require('module'); const load = M._load; const seen = new Set();
M._load = function (request) {
  const m = /^(@[^/]+\\/[^/]+|[^./][^/]*)/.exec(request);
  if (m && !request.startsWith('node:') && !M.builtinModules.includes(request)) seen.add(m[1]);
  return load.apply(this, arguments);
};
process.on('exit', () => require('fs').writeSync(2, 'LOADED ' + JSON.stringify([...seen]) + '\\n'));
`;

async function loadedBy(
  args: string[],
): Promise<{ code: number | undefined; stderr: string; packages: string[] }> {
  const home = mkdtempSync(join(tmpdir(), 'spawn-modules-'));
  const spy = join(home, 'spy.cjs');
  writeFileSync(spy, SPY);
  const out = await runBuiltBin(SPAWN_BIN, args, { ...moto.env, NODE_OPTIONS: `--require ${spy}` }, home);
  const line = out.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  expect(line, out.stderr).toBeDefined();
  return { code: out.code, stderr: out.stderr, packages: JSON.parse(line?.slice(7) ?? '[]') as string[] };
}

describe('what spawn commands load (built bin, moto)', () => {
  beforeAll(() => assertBuilt('core', 'spawn'));

  it('spawn logs of an unknown name asks EC2 and loads no S3 client', async () => {
    const r = await loadedBy(['logs', 'no-such-box', '--region', 'us-east-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No spawn-managed instance "no-such-box"');
    expect(r.packages).toContain('@aws-sdk/client-ec2');
    expect(r.packages).not.toContain('@aws-sdk/client-s3');
  });

  it('spawn wait of an unknown name loads no S3 client either (control: same path, no agent helpers)', async () => {
    const r = await loadedBy(['wait', 'no-such-box', '--region', 'us-east-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No spawn-managed instance "no-such-box"');
    expect(r.packages).toContain('@aws-sdk/client-ec2');
    expect(r.packages).not.toContain('@aws-sdk/client-s3');
  });
});
