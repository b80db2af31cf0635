import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { beforeAll, describe, expect, it } from 'vitest';

const TRUFFLE = fileURLToPath(new URL('../../bin/truffle.cjs', import.meta.url));
const SPAWN = fileURLToPath(new URL('../../../spawn/bin/spawn.cjs', import.meta.url));

// Startup cost is mostly what a run loads. zod alone costs more than the whole startup budget
// (about 2.5x `node -e 0`), and the AWS SDK more still, so the offline paths must never load them:
// a module edit that imports either at the top of a shared file would pass every other test.
// This records, in the built bin, every package required from node_modules, and which of the
// CLI's own files load (by path, past require: see load-file.ts).
// Node's module class from the preload itself: require('module') would load node:module.
const SPY = `const M = module.constructor; const load = M._load; const seen = new Set();
M._load = function (request, parent) {
  const m = /^(@[^/]+\\/[^/]+|[^./][^/]*)/.exec(request);
  if (m && !request.startsWith('node:') && !M.builtinModules.includes(request)) seen.add(m[1]);
  return load.apply(this, arguments);
};
const loadFile = M.prototype.load;
M.prototype.load = function (filename) {
  if (filename.endsWith('startup-lazy.cjs')) seen.add('startup-lazy.cjs');
  if (/[\\\\/]offers[\\\\/]live-data\\.cjs$/.test(filename)) seen.add('live-data.cjs');
  return loadFile.call(this, filename);
};
const booted = new Set(process.moduleLoadList);
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => !booted.has(m) && m.startsWith('NativeModule '));
  require('fs').writeSync(2, 'LOADED ' + JSON.stringify([...seen]) + '\\nBUILTINS ' + JSON.stringify(builtins.map((m) => m.slice(13))) + '\\n');
});
`;

async function traced(
  args: string[],
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'truffle-startup-')),
  bin = TRUFFLE,
  failing = false,
): Promise<{ packages: string[]; builtins: string[] }> {
  const spy = join(dir, 'spy.cjs');
  writeFileSync(spy, SPY);
  const run = promisify(execFile)(process.execPath, ['-r', spy, bin, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...env },
  });
  // A run expected to fail (exit 1) still reports what it loaded on stderr.
  const { stderr } = failing
    ? await run.then(
        () => ({ stderr: '' }),
        (e: { stderr: string }) => e,
      )
    : await run;
  const field = (name: string) => {
    const line = stderr.split('\n').find((l) => l.startsWith(`${name} `));
    expect(line, stderr).toBeDefined();
    return JSON.parse(line?.slice(name.length + 1) ?? '[]') as string[];
  };
  return { packages: field('LOADED'), builtins: field('BUILTINS') };
}

async function loadedBy(
  args: string[],
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'truffle-startup-')),
): Promise<string[]> {
  return (await traced(args, env, dir)).packages;
}

describe('what the offline paths load (built bin)', () => {
  beforeAll(() => assertBuilt('core', 'truffle', 'spawn'));

  it.each([
    [['search', 'm7i.large', '--offline']],
    [['az', 'm7i.large', '--offline']],
    [['regions', '--offline']],
    [['spot', 'm7i.large', '--offline']],
    [['--help']],
  ])('truffle %j loads neither zod nor the AWS SDK', async (args) => {
    const loaded = await loadedBy(args);
    expect(
      loaded.filter((p) => p === 'zod' || p.startsWith('@aws-sdk/') || p.startsWith('@smithy/')),
    ).toEqual([]);
  });

  // `yaml` is required only when asked for (issue 17): the other formats must not pay for it.
  it('only --output yaml loads the yaml package', async () => {
    expect(await loadedBy(['search', 'm7i.large', '--offline', '-o', 'text'])).not.toContain('yaml');
    expect(await loadedBy(['search', 'm7i.large', '--offline', '-o', 'yaml'])).toContain('yaml');
  });

  it('offline paths read no config file and load no proxy agent, even when both are set up', async () => {
    const home = mkdtempSync(join(tmpdir(), 'truffle-startup-'));
    mkdirSync(join(home, '.config', 'truffle-spawn'), { recursive: true });
    writeFileSync(join(home, '.config', 'truffle-spawn', 'config.toml'), 'region = "eu-west-1"\n');
    const loaded = await loadedBy(
      ['search', 'm7i.large', '--offline'],
      { HTTPS_PROXY: 'http://127.0.0.1:9' },
      home,
    );
    expect(
      loaded.filter(
        (p) => ['zod', 'smol-toml', 'proxy-agent', 'ora'].includes(p) || p.startsWith('@inquirer/'),
      ),
    ).toEqual([]);
  });

  // stdin, stdout and stderr here are pipes: touching process.stdin/stdout/stderr builds a
  // net.Socket (Node's net and stream modules, ~8 ms, a fifth of a run). --version writes with
  // write(2), output goes through pipe-writable, and only an AWS context looks at stdin (MFA).
  it.each([
    [TRUFFLE, ['--version']],
    [TRUFFLE, ['--help']],
    [TRUFFLE, ['search', 'm7i.large', '--offline']],
    [TRUFFLE, ['search', 'm7i.large', '--offline', '-o', 'json']],
    [SPAWN, ['--version']],
    [SPAWN, ['--help']],
  ])('%s %j builds no stdio stream (no net, no stream modules)', async (bin, args) => {
    const { builtins } = await traced(args, {}, undefined, bin);
    expect(builtins.filter((m) => ['net', 'stream', 'internal/fs/streams'].includes(m))).toEqual([]);
  });

  // A builtin Node has not loaded at boot is a stand-in in the bundles (tsup.base.ts): nothing of
  // its own, loading the builtin on the first read of an export. esbuild's import helpers read
  // `__esModule` from it, which must not count as a use.
  it.each([
    [TRUFFLE, ['--help']],
    [TRUFFLE, ['search', 'm7i.large', '--offline']],
    [SPAWN, ['--help']],
  ])('%s %j loads neither node:os nor node:module, which it does not use', async (bin, args) => {
    const { builtins } = await traced(args, {}, undefined, bin);
    expect(builtins.filter((m) => m === 'os' || m === 'module')).toEqual([]);
  });

  it('a stand-in loads its builtin on first use (no HOME: os.homedir() is asked)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truffle-startup-'));
    const env = { HOME: '', XDG_CACHE_HOME: join(dir, 'cache') };
    const { builtins } = await traced(['search', 'm7i.large', '--offline'], env, dir);
    expect(builtins).toContain('os');
  });

  it('the builtin list sees a stdio stream when one is built (so the test above can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truffle-startup-'));
    const script = join(dir, 'stdout.cjs');
    writeFileSync(script, "process.stdout.write('x\\n');\n");
    const { builtins } = await traced([], {}, dir, script);
    expect(builtins).toContain('net');
  });

  // dist/startup-lazy.cjs holds the startup modules reached only through an import() (AWS context,
  // config, cache): main.cjs without them is a fifth smaller to deserialise on every run.
  it.each([
    [TRUFFLE, ['--help']],
    [TRUFFLE, ['search', 'm7i.large', '--offline']],
    [TRUFFLE, ['search', '--help']],
    [SPAWN, ['--help']],
    [SPAWN, ['launch', '--help']],
  ])('%s %j does not load startup-lazy.cjs', async (bin, args) => {
    expect((await traced(args, {}, undefined, bin)).packages).not.toContain('startup-lazy.cjs');
  });

  it('a configured region loads startup-lazy.cjs (so the test above can fail)', async () => {
    // The default region then comes from core's AWS module (profile, env), which lives there.
    const loaded = await loadedBy(['search', 'm7i.large', '--offline'], { AWS_REGION: 'eu-west-1' });
    expect(loaded).toContain('startup-lazy.cjs');
  });

  // The live (AWS) offer path is dist/offers/live-data.cjs, a third of what search.cjs was (issue 18).
  it.each([
    [['search', 'm7i.large', '--offline']],
    [['search', 'graviton', '--offline']],
    [['az', 'm7i.large', '--offline']],
    [['spot', 'm7i.large', '--offline']],
  ])('truffle %j does not load the live offer file', async (args) => {
    expect(await loadedBy(args)).not.toContain('live-data.cjs');
  });

  it('a search with credentials loads the live offer file (so the test above can fail)', async () => {
    // Nothing listens on port 9: the search fails at its first AWS call, after loading the file.
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
    };
    const { packages } = await traced(['search', 'm7i.large'], env, undefined, TRUFFLE, true);
    expect(packages).toContain('live-data.cjs');
  });

  it('the spy sees packages when they are loaded (so the test above can fail)', async () => {
    // A word that names no type falls back to fuzzy matching, which loads fuse.js.
    expect(await loadedBy(['search', 'xyzzy', '--offline'])).toContain('fuse.js');
  });
});
