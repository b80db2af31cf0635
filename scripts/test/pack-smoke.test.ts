import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { x } from 'tinyexec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// CI users run us through `npx`: the packed tarballs must install from scratch with plain npm
// (workspace: and catalog: ranges rewritten by pnpm pack) and the bin must work from there.
const root = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let app: string;

async function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = await x(cmd, args, {
    nodeOptions: { cwd, env: { ...process.env, ...env } },
    throwOnError: false,
  });
  return result;
}

describe('packed tarballs install and run with npx', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pack-smoke-'));
    const tarballs = join(work, 'tarballs');
    app = join(work, 'app');
    await mkdir(tarballs);
    await mkdir(app);
    for (const pkg of ['core', 'truffle']) {
      const packed = await sh('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', pkg));
      expect(packed.exitCode, packed.stderr).toBe(0);
    }
    const files = (await readdir(tarballs)).map((f) => join(tarballs, f));
    await writeFile(join(app, 'package.json'), '{"name":"pack-smoke","private":true}\n');
    const installed = await sh('npm', ['install', '--no-audit', '--no-fund', ...files], app);
    expect(installed.exitCode, installed.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('npx truffle --help prints usage on stdout and exits 0', async () => {
    const result = await sh('npx', ['--no-install', 'truffle', '--help'], app);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('search');
    expect(result.stdout).toContain('spot');
  });

  it('npx truffle search runs offline from the embedded catalog', async () => {
    const home = join(work, 'home');
    await mkdir(home, { recursive: true });
    const result = await sh(
      'npx',
      ['--no-install', 'truffle', 'search', 'm7i.large', '--offline', '--limit', '3'],
      app,
      {
        HOME: home,
        XDG_CACHE_HOME: join(home, '.cache'),
      },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    const first = JSON.parse(lines[0] ?? '{}') as { type?: string; instanceType?: string };
    expect(first).toMatchObject({ type: 'offer', instanceType: 'm7i.large' });
  });
});
