import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import type NodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileCacheDir, enableCompileCache } from './compile-cache.ts';

// Each "run" is its own Node process, as for a CLI: within one process V8's in-memory compilation
// cache would answer before the cached data is even looked at. Without a nativeCache option the
// fallback runs alone on any Node; the native path is checked with a stand-in module.
let compileCacheCjs: string;
let root: string;
let dir: string;

beforeAll(() => {
  compileCacheCjs = join(mkdtempSync(join(tmpdir(), 'compile-cache-build-')), 'compile-cache.cjs');
  buildSync({
    entryPoints: [fileURLToPath(new URL('./compile-cache.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: compileCacheCjs,
    logLevel: 'silent',
  });
});

beforeEach(() => {
  const base = mkdtempSync(join(tmpdir(), 'compile-cache-'));
  root = join(base, 'dist');
  dir = join(base, 'cache', 'compile');
  mkdirSync(root);
  writeFileSync(
    join(root, 'main.cjs'),
    `const { twice } = require('./helper.cjs');
exports.answer = () => twice(21);
exports.later = () => require('./loads-esm.cjs').later();
exports.resolved = require.resolve('./helper.cjs');
// Compiled only by runs of kind "b" (V8 compiles a function when it is first called).
exports.onlyB = () => { const words = []; for (let i = 0; i < 3; i++) words.push(['x', i, 'y'].join('-').toUpperCase().split('').reverse().join('')); return words.join(','); };`,
  );
  writeFileSync(join(root, 'helper.cjs'), 'exports.twice = (n) => n * 2;');
  // On Node 20 a script compiled from cached data loses its import() callback: never cached.
  writeFileSync(
    join(root, 'loads-esm.cjs'),
    `exports.later = () => import('./late.mjs').then((m) => m.value);`,
  );
  writeFileSync(join(root, 'late.mjs'), 'export const value = "esm";');
  writeFileSync(join(base, 'outside.cjs'), 'exports.x = 1;');
});

interface RunReport {
  mode: string;
  answer: number;
  later: string;
  resolved: string;
  outside: number;
  stats: { hits: number; misses: number; updates: number };
}

/**
 * One CLI-like process: enable the cache, load main.cjs (and a file outside root), flush at exit.
 * `kind` is what the run does; its clock runs a minute ahead unless `settled` is false, so sources
 * written a moment ago count as settled.
 */
function run(env: Record<string, string> = {}, o: { kind?: string; settled?: boolean } = {}): RunReport {
  const skew = o.settled === false ? 0 : 60_000;
  const driver = `
const Module = require('node:module');
const { enableCompileCache } = require(${JSON.stringify(compileCacheCjs)});
const cache = enableCompileCache({ module: Module, root: ${JSON.stringify(root)}, dir: ${JSON.stringify(dir)}, runtime: 'test-x64', env: process.env, run: ${JSON.stringify(o.kind ?? 'a')}, now: () => Date.now() + ${skew} });
const m = require(${JSON.stringify(join(root, 'main.cjs'))});
const outside = require(${JSON.stringify(join(root, '..', 'outside.cjs'))}).x;
if (${JSON.stringify(o.kind ?? 'a')} === 'b') m.onlyB();
m.later().then((later) => {
  process.once('exit', () => cache.flush());
  process.stdout.write(JSON.stringify({ mode: cache.mode, answer: m.answer(), later, resolved: m.resolved, outside, stats: cache.stats() }));
});`;
  const out = execFileSync(process.execPath, ['-e', driver], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as RunReport;
}

describe('enableCompileCache fallback (vm.Script cached data), one process per run', () => {
  it('compiles without data first, writes it at exit, and the next run is served from it', () => {
    const first = run();
    expect(first).toMatchObject({ mode: 'fallback', answer: 42, later: 'esm', outside: 1 });
    expect(first.stats).toEqual({ hits: 0, misses: 2, updates: 0 });
    const files = readdirSync(dir);
    // main.cjs and helper.cjs; nothing for the file outside root or the one calling import().
    expect(files.map((f) => f.split('.').slice(1, 3).join('.')).sort()).toEqual(['helper.cjs', 'main.cjs']);
    expect(files.every((f) => f.endsWith('.test-x64'))).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }

    const second = run();
    // require.resolve behaves as in a normally compiled module; import() still works.
    expect(second).toMatchObject({ answer: 42, later: 'esm', resolved: join(root, 'helper.cjs') });
    expect(second.stats).toEqual({ hits: 2, misses: 0, updates: 0 });
  });

  it('never reuses data for edited source, and keeps one file per source', () => {
    run();
    // Same length as before: V8's own check (source length) would accept the old data.
    writeFileSync(join(root, 'helper.cjs'), 'exports.twice = (n) => n * 3;');
    const edited = run();
    expect(edited.answer).toBe(63);
    expect(edited.stats).toEqual({ hits: 1, misses: 1, updates: 0 });
    expect(readdirSync(dir).filter((f) => f.includes('.helper.cjs.'))).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(run().stats).toEqual({ hits: 2, misses: 0, updates: 0 });
  });

  it('caches no source changed in the last 3 s (a change within the timestamp granularity would go unseen)', () => {
    const fresh = run({}, { settled: false });
    expect(fresh).toMatchObject({ answer: 42, stats: { hits: 0, misses: 2, updates: 0 } });
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(run().stats).toEqual({ hits: 0, misses: 2, updates: 0 });
    expect(run({}, { settled: false }).stats).toEqual({ hits: 2, misses: 0, updates: 0 });
  });

  it('an edit that keeps the size and the modification time is still seen (change time, inode)', () => {
    run();
    const helper = join(root, 'helper.cjs');
    const { atime, mtime } = statSync(helper);
    writeFileSync(helper, 'exports.twice = (n) => n * 4;');
    utimesSync(helper, atime, mtime);
    expect(run()).toMatchObject({ answer: 84, stats: { hits: 1, misses: 1, updates: 0 } });
    rmSync(helper);
    writeFileSync(helper, 'exports.twice = (n) => n * 5;');
    utimesSync(helper, atime, mtime);
    expect(run()).toMatchObject({ answer: 105, stats: { hits: 1, misses: 1, updates: 0 } });
  });

  it('the first run of each new kind rewrites the data, once, with what that run compiled too', () => {
    run({}, { kind: 'a' });
    const bytes = () => readdirSync(dir).map((f) => readFileSync(join(dir, f)));
    const before = bytes();
    expect(run({}, { kind: 'a' }).stats).toEqual({ hits: 2, misses: 0, updates: 0 });
    expect(bytes()).toEqual(before);
    expect(run({}, { kind: 'b' }).stats).toEqual({ hits: 2, misses: 0, updates: 2 });
    const main = readdirSync(dir).findIndex((f) => f.includes('.main.cjs.'));
    // The data now also holds onlyB, which only runs of kind b call.
    expect(bytes()[main]!.length).toBeGreaterThan(before[main]!.length);
    const after = bytes();
    expect(run({}, { kind: 'b' }).stats).toEqual({ hits: 2, misses: 0, updates: 0 });
    expect(run({}, { kind: 'a' }).stats).toEqual({ hits: 2, misses: 0, updates: 0 });
    expect(bytes()).toEqual(after);
  });

  it('rewrites for at most 12 kinds of run', () => {
    for (let i = 0; i < 12; i++) run({}, { kind: `k${i}` });
    expect(run({}, { kind: 'k11' }).stats).toEqual({ hits: 2, misses: 0, updates: 0 });
    expect(run({}, { kind: 'k12' }).stats).toEqual({ hits: 2, misses: 0, updates: 0 });
  });

  it('two CLIs sharing the directory keep their own files (both have a main.cjs)', () => {
    run();
    const first = root;
    root = join(first, '..', 'other-cli');
    cpSync(first, root, { recursive: true });
    expect(run().stats).toEqual({ hits: 0, misses: 2, updates: 0 });
    root = first;
    expect(run().stats).toEqual({ hits: 2, misses: 0, updates: 0 });
    expect(readdirSync(dir)).toHaveLength(4);
  });

  it('removes files not written for 30 days when it writes, and keeps the rest', () => {
    mkdirSync(dir, { recursive: true });
    const old = join(dir, 'deadbeef.main.cjs.gone-runtime');
    const recent = join(dir, 'deadbeef.helper.cjs.other-runtime');
    writeFileSync(old, 'x');
    writeFileSync(recent, 'x');
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    utimesSync(old, longAgo, longAgo);
    run();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('runs correctly from corrupt data, then replaces it', () => {
    run();
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), Buffer.alloc(4096, 7));
    const corrupt = run();
    expect(corrupt.answer).toBe(42);
    expect(corrupt.stats).toEqual({ hits: 0, misses: 2, updates: 0 });
    expect(run().stats).toEqual({ hits: 2, misses: 0, updates: 0 });
  });

  it('a cache directory it cannot create only costs the speed-up', () => {
    mkdirSync(join(dir, '..'), { recursive: true });
    writeFileSync(dir, 'not a directory');
    expect(run()).toMatchObject({ answer: 42, stats: { hits: 0, misses: 2, updates: 0 } });
    expect(run().stats).toEqual({ hits: 0, misses: 2, updates: 0 });
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'a read-only cache directory only costs the speed-up (root ignores modes, so not as root)',
    () => {
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o500);
      try {
        expect(run()).toMatchObject({ answer: 42 });
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        chmodSync(dir, 0o700);
      }
    },
  );

  it('NODE_DISABLE_COMPILE_CACHE turns it off', () => {
    expect(run({ NODE_DISABLE_COMPILE_CACHE: '1' })).toMatchObject({
      mode: 'disabled',
      answer: 42,
      stats: { hits: 0, misses: 0, updates: 0 },
    });
    expect(() => readdirSync(dir)).toThrow();
  });
});

describe('enableCompileCache on Node with its own cache', () => {
  // Node's cache keeps only what compiling a file made, not the functions a run compiles later:
  // the CLI's own files still go through the fallback, Node's cache takes the rest.
  it('hands Node the per-user directory once a file the fallback leaves is compiled, and only then', () => {
    const native = vi.fn();
    const nativeCache = vi.fn(() => native);
    const compile = vi.fn();
    const stand = { prototype: { _compile: compile } };
    const c = enableCompileCache({
      module: stand as unknown as typeof NodeModule,
      nativeCache,
      root,
      dir,
      runtime: 'x',
      env: {},
    });
    expect(c.mode).toBe('fallback');
    expect(stand.prototype._compile).not.toBe(compile);
    // Not even looked up (node:module stays unloaded) until a file outside the CLI's dist comes.
    expect(nativeCache).not.toHaveBeenCalled();
    const loaded = { exports: {}, require: () => undefined };
    stand.prototype._compile.call(loaded, 'exports.x = 1;', join(root, '..', 'elsewhere.js'));
    stand.prototype._compile.call(loaded, "exports.y = () => import('z');", join(root, 'late.cjs'));
    expect(native).toHaveBeenCalledTimes(1);
    expect(native).toHaveBeenCalledWith(dir);
    expect(compile).toHaveBeenCalledTimes(2);
    c.restore();
    expect(stand.prototype._compile).toBe(compile);
  });

  it("is Node's cache alone where vm.Script cannot serve import()", async () => {
    vi.resetModules();
    vi.doMock('node:vm', async (load) => {
      const vm = await load<typeof import('node:vm')>();
      return { ...vm, constants: {} };
    });
    try {
      const { enableCompileCache: enable } = await import('./compile-cache.ts');
      const native = vi.fn();
      const o = {
        module: { prototype: {} } as unknown as typeof NodeModule,
        root,
        dir,
        runtime: 'x',
        env: {},
      };
      expect(enable({ ...o, nativeCache: () => native }).mode).toBe('native');
      expect(native).toHaveBeenCalledWith(dir);
      expect(enable({ ...o, nativeCache: () => undefined }).mode).toBe('unsupported');
    } finally {
      vi.doUnmock('node:vm');
      vi.resetModules();
    }
  });

  it('leaves Node its own cache directories when pruning stale files', () => {
    mkdirSync(join(dir, 'v24.21.0-x64-0'), { recursive: true });
    const old = join(dir, 'stale.main.cjs.x');
    writeFileSync(old, 'x');
    utimesSync(old, new Date(0), new Date(0));
    utimesSync(join(dir, 'v24.21.0-x64-0'), new Date(0), new Date(0));
    const out = run();
    expect(out.stats.misses).toBeGreaterThan(0);
    expect(readdirSync(dir)).toContain('v24.21.0-x64-0');
    expect(readdirSync(dir)).not.toContain('stale.main.cjs.x');
  });

  it('lives in the per-user cache directory', () => {
    expect(
      compileCacheDir({ platform: 'linux', env: { XDG_CACHE_HOME: '/x/cache' }, homedir: '/home/u' }),
    ).toBe('/x/cache/truffle-spawn/compile');
  });
});
