import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { x } from 'tinyexec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance } from '../../packages/core/src/lifecycle/_moto-fixtures.ts';
import { assertBuilt } from '../../packages/test-utils/src/built.ts';
import { useMoto } from '../../packages/test-utils/src/moto.ts';

// CI users run us through `npx -y @truffle-spawn/<cli>` (README "In CI"): the packed tarballs
// must install from scratch with plain npm (workspace: and catalog: ranges rewritten by pnpm
// pack), with a fresh HOME and npm cache, and run both ways npx does: the package already
// installed in the project, and installed on the fly into npx's own cache from an empty
// directory. Our packages are unpublished, so npx is pointed at the tarballs; third-party
// dependencies come from the registry into the fresh cache.
const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'truffle', 'spawn'] as const;
const moto = useMoto();
let work: string;
let tarballs: Record<(typeof PACKAGES)[number], string>;

function env(extra: Record<string, string> = {}): Record<string, string> {
  const home = join(work, 'home');
  return {
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_CONFIG_HOME: join(home, '.config'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    NO_COLOR: '1',
    // No credentials from the machine running the test.
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    ...extra,
  };
}

async function sh(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}) {
  return x(cmd, args, { nodeOptions: { cwd, env: { ...process.env, ...env(extra) } }, throwOnError: false });
}

/** `npx -y <tarballs> -- <bin> ...` from a directory with no package.json: npx installs them itself. */
const npxFromTarballs = (bin: string, args: string[], extra?: Record<string, string>) =>
  sh(
    'npm',
    [
      'exec',
      '--yes',
      '--prefer-offline',
      ...PACKAGES.flatMap((p) => ['--package', tarballs[p]]),
      '--',
      bin,
      ...args,
    ],
    join(work, 'empty'),
    extra,
  );

/** The README's `npx -y @truffle-spawn/<cli> ...`, answered by the project's install (npm told to stay offline). */
const npxInstalled = (pkg: string, args: string[], extra?: Record<string, string>) =>
  sh('npx', ['-y', '--offline', pkg, ...args], join(work, 'app'), extra);

describe('packed tarballs install and run with npx', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    assertBuilt(...PACKAGES);
    work = await mkdtemp(join(tmpdir(), 'pack-smoke-'));
    for (const dir of ['tarballs', 'app', 'empty', 'home']) await mkdir(join(work, dir));
    for (const pkg of PACKAGES) {
      const packed = await sh(
        'pnpm',
        ['pack', '--pack-destination', join(work, 'tarballs')],
        join(root, 'packages', pkg),
      );
      expect(packed.exitCode, packed.stderr).toBe(0);
    }
    const files = await readdir(join(work, 'tarballs'));
    const named = (p: string) =>
      join(work, 'tarballs', files.find((f) => f.startsWith(`truffle-spawn-${p}-`)) ?? '');
    tarballs = { core: named('core'), truffle: named('truffle'), spawn: named('spawn') };
    await writeFile(join(work, 'app', 'package.json'), '{"name":"pack-smoke","private":true}\n');
    const installed = await sh('npm', ['install', ...Object.values(tarballs)], join(work, 'app'));
    expect(installed.exitCode, installed.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(PACKAGES)(
    'the %s tarball has its LICENSE, README and metadata, and no source maps',
    async (pkg) => {
      const list = await sh('tar', ['-tzf', tarballs[pkg]], work);
      const files = list.stdout.split('\n').filter((f) => f !== '');
      expect(files).toEqual(
        expect.arrayContaining(['package/LICENSE', 'package/README.md', 'package/package.json']),
      );
      expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
      const manifest = JSON.parse(
        (await sh('tar', ['-xzOf', tarballs[pkg], 'package/package.json'], work)).stdout,
      ) as Record<string, unknown>;
      expect(manifest).toMatchObject({
        name: `@truffle-spawn/${pkg}`,
        license: 'Apache-2.0',
        repository: { type: 'git', url: expect.stringMatching(/^git\+https:/), directory: `packages/${pkg}` },
        homepage: expect.stringMatching(/^https:/),
        keywords: expect.arrayContaining(['aws']),
      });
      // pnpm pack must have rewritten every workspace:/catalog: range, or npm cannot install it.
      expect(JSON.stringify(manifest)).not.toMatch(/workspace:|catalog:/);
      const license = (await sh('tar', ['-xzOf', tarballs[pkg], 'package/LICENSE'], work)).stdout;
      expect(license).toBe(await readFile(join(root, 'LICENSE'), 'utf8'));
    },
  );

  it('npx -y @truffle-spawn/truffle --help and search --offline, from the install', async () => {
    const help = await npxInstalled('@truffle-spawn/truffle', ['--help']);
    expect(help.exitCode, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: truffle .*\n[\s\S]*search[\s\S]*spot/);
    const search = await npxInstalled('@truffle-spawn/truffle', [
      'search',
      'm7i.large',
      '--offline',
      '--limit',
      '3',
    ]);
    expect(search.exitCode, search.stderr).toBe(0);
    const first = JSON.parse(search.stdout.split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ type: 'offer', instanceType: 'm7i.large' });
  });

  it('npx -y @truffle-spawn/spawn --version and list against moto, from the install', async () => {
    const version = await npxInstalled('@truffle-spawn/spawn', ['--version']);
    expect(version).toMatchObject({ exitCode: 0, stdout: '0.1.0\n' });
    // The AWS SDK loads from core's install in npm's flat node_modules, not pnpm's layout.
    const id = await createInstance({ name: 'packed' });
    const list = await npxInstalled(
      '@truffle-spawn/spawn',
      ['list', '-o', 'text', '--fields', 'name,instanceId'],
      moto.env,
    );
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toBe(`packed\t${id}\n`);
  });

  it('npx -y from an empty directory installs the tarballs itself and runs truffle and spawn', async () => {
    const search = await npxFromTarballs('truffle', [
      'search',
      'm7i.large',
      '--offline',
      '-o',
      'text',
      '--fields',
      'instanceType,vcpus',
    ]);
    expect(search.exitCode, search.stderr).toBe(0);
    expect(search.stdout).toBe('m7i.large\t2\n');
    const id = await createInstance({ name: 'from-npx' });
    const list = await npxFromTarballs('spawn', ['list', '-o', 'json'], moto.env);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ type: 'instance', name: 'from-npx', instanceId: id }),
    ]);
  });

  it('a usage error through npx keeps its exit code (2) and error record', async () => {
    const r = await npxInstalled('@truffle-spawn/truffle', ['search', 'm7i.large', '--offline', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ type: 'error', code: 'USAGE' });
  });
});
