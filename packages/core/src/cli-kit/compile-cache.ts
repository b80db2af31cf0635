import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import type NodeModule from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';
import { defaultCacheDir } from '../cache/default-cache-dir.ts';
import { loadFile } from './load-file.ts';

/**
 * V8 code cache for a CLI's own bundled files, so a run does not compile (and lazily recompile)
 * the same JavaScript again: CommonJS files below `root` are compiled through `vm.Script` with
 * cached data made after the run, except files that call import() (spawn's launch command, for its
 * ESM-only prompt libraries). Measured on Node 20, `truffle search m7i.large --offline`: 101 ms ->
 * 85 ms (same run, vs 46 ms for `node -e 0`).
 *
 * Node 22.1+ also has a cache of its own (`module.enableCompileCache`), enabled for what the
 * fallback leaves (import() files, packages) when the first such file loads, but it keeps only the
 * code compiled when a file loads, not the functions a run compiles later: with it alone, CPU on
 * Node 24 (same run, `node -e 0` 48 ms) was 78 ms for `truffle --help` and 105 ms for the offline
 * search, 69 and 92 ms with the CLI's own files in the fallback. Turning it on only then took the
 * offline search on Node 22 from 1.50x to 1.40x `node -e 0` (same bench, back to back).
 */

/** How a bundle requires another file of its CLI's dist (`./commands/search.cjs`, `../offers/live-data.cjs`). */
const OWN_FILE = /^\.\.?\/.*\.cjs$/;

/** Files no run has rewritten for this long are removed when another file is written. */
const STALE_MS = 30 * 86_400_000;
/**
 * A source file changed this recently is compiled but not cached: a later change within the
 * file system's timestamp granularity could otherwise leave its size, times and inode as they
 * were (git's "racy clean" case). 3 s also covers FAT's 2 s times.
 */
const SETTLE_MS = 3_000;
/** Kinds of run (see {@link CompileCacheOptions.run}) a file's data is rewritten for, at most. */
const MAX_RUNS = 12;
const MAGIC = 0x32435354; // "TSC2" little-endian: the file format below.
export interface CompileCacheOptions {
  /** Node's CommonJS Module class (`module.constructor`). */
  module: typeof NodeModule;
  /**
   * Node's own cache, `module.enableCompileCache` (Node 22.1+), looked up only when a file the
   * fallback does not serve is compiled: `node:module` loads four more of Node's modules (~0.7 ms),
   * and `--help` or an offline search compile none.
   */
  nativeCache?: () => ((dir: string) => unknown) | undefined;
  /** Only CommonJS files below this directory use the fallback cache (the CLI's dist). */
  root: string;
  /** Per-user directory for the cache files; created 0700. */
  dir: string;
  /** Runtime identity (V8 version, arch): data made by another runtime is never even read. */
  runtime: string;
  /** `NODE_DISABLE_COMPILE_CACHE` (Node's own switch) turns both kinds off. */
  env: Record<string, string | undefined>;
  /**
   * What this run does (`help`, a command's name). A file's data holds the functions of the runs
   * that wrote it, and V8 compiles every other function the run calls, on every run: the first
   * run of each new kind rewrites the data (once), so `--help` and a search both find theirs.
   */
  run?: string;
  /** The clock the settle time is measured with (tests). */
  now?: () => number;
}

export interface CompileCache {
  /**
   * `fallback`: vm.Script cached data for the CLI's files (plus Node's own cache, where it exists,
   * for the rest); `native`: Node's own cache only (no vm loader to fall back on); otherwise off.
   */
  readonly mode: 'native' | 'fallback' | 'disabled' | 'unsupported';
  /** Writes data for files compiled without a usable cache (call once, at exit). Never throws. */
  flush(): void;
  /**
   * Files served from the cache, and compiled without it, by the fallback so far; `updates`: of
   * the hits, those whose data `flush` rewrites for a new kind of run.
   */
  stats(): { hits: number; misses: number; updates: number };
  /** Puts Node's own compile function back (tests). */
  restore(): void;
}

interface ModuleInternals {
  prototype: { _compile(this: LoadedModule, content: string, filename: string): unknown };
  wrap(source: string): string;
  createRequire(filename: string): NodeJS.Require;
}
interface LoadedModule {
  exports: unknown;
  require(id: string): unknown;
}
type Wrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: LoadedModule,
  filename: string,
  dirname: string,
) => unknown;

/** `<cache dir>/compile`, beside truffle's and spawn's data cache. */
export function compileCacheDir(o: {
  platform: string;
  env: Record<string, string | undefined>;
  homedir: string;
}): string {
  return join(defaultCacheDir(o), 'compile');
}

export function enableCompileCache(o: CompileCacheOptions): CompileCache {
  const off = (mode: 'disabled' | 'unsupported'): CompileCache => ({
    mode,
    flush() {},
    stats: () => ({ hits: 0, misses: 0, updates: 0 }),
    restore() {},
  });
  if (o.env.NODE_DISABLE_COMPILE_CACHE) return off('disabled');
  // Without it (before Node 20.12) import() in a vm.Script fails even without cached data.
  const loader = (vmConstants as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } | undefined)
    ?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (loader === undefined) {
    const native = o.nativeCache?.();
    if (typeof native !== 'function') return off('unsupported');
    native(o.dir);
    return { ...off('disabled'), mode: 'native' };
  }
  let nativeAsked = false;
  // Node's cache, for what the fallback leaves (import() files, packages, the ES modules they load).
  const startNative = () => {
    if (nativeAsked) return;
    nativeAsked = true;
    o.nativeCache?.()?.(o.dir);
  };

  const Module = o.module as unknown as ModuleInternals;
  const original = Module.prototype._compile;
  const under = o.root.endsWith(sep) ? o.root : o.root + sep;
  // truffle and spawn share the directory and both have a main.cjs: names say whose file it is.
  const rootTag = fnv1a(o.root);
  const run = o.run ?? '';
  const now = o.now ?? Date.now;
  const pending: { script: Script; file: string; header: CacheHeader; previous?: Buffer }[] = [];
  let hits = 0;
  let misses = 0;
  let updates = 0;

  Module.prototype._compile = function compileWithCache(this: LoadedModule, content, filename) {
    // Node 20 drops the import() callback of a script compiled from cached data
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): files that may call import() compile as usual.
    if (!filename.startsWith(under) || content.includes('import(')) {
      startNative();
      return original.call(this, content, filename);
    }
    // The name below root: `filename` starts with `under` (path.relative is one more of Node's functions to compile).
    const file = join(o.dir, `${rootTag}.${filename.slice(under.length).replaceAll(sep, '__')}.${o.runtime}`);
    const source = sourceIdentity(filename, now());
    const cached = source === undefined ? undefined : cachedDataFor(file, source);
    const script = new Script(Module.wrap(content), {
      filename,
      cachedData: cached?.data,
      importModuleDynamically: loader as never,
    });
    if (cached === undefined || script.cachedDataRejected) {
      misses++;
      if (source?.settled) pending.push({ script, file, header: { source: source.id, runs: [run] } });
    } else {
      hits++;
      if (!cached.runs.includes(run) && cached.runs.length < MAX_RUNS) {
        updates++;
        pending.push({
          script,
          file,
          header: { source: source!.id, runs: [...cached.runs, run] },
          previous: cached.data,
        });
      }
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as Wrapper;
    return wrapper.call(
      this.exports,
      this.exports,
      requireFor(this, filename),
      this,
      filename,
      dirname(filename),
    );
  };

  // A file's `require`: the CLI's own files (relative `.cjs`: commands, startup-lazy.cjs) by path,
  // anything else as usual. Its resolve, cache, main and extensions are the usual ones, made when read.
  function requireFor(module: LoadedModule, filename: string): NodeJS.Require {
    const dir = dirname(filename);
    let resolver: NodeJS.Require | undefined;
    const usual = () => (resolver ??= Module.createRequire(filename));
    const load = (id: string) =>
      OWN_FILE.test(id) ? loadFile(o.module, module, join(dir, id)) : module.require(id);
    return Object.defineProperties(load, {
      resolve: { get: () => usual().resolve },
      cache: { get: () => usual().cache },
      main: { get: () => usual().main },
      extensions: { get: () => usual().extensions },
    }) as unknown as NodeJS.Require;
  }

  // Apart from flush: a run with nothing to write (most runs) compiles only the check.
  function writePending(): void {
    // A cache never fails the command: a read-only or full disk only costs the speed-up.
    try {
      mkdirSync(o.dir, { recursive: true, mode: 0o700 });
    } catch {
      return;
    }
    for (const { script, file, header, previous } of pending.splice(0)) {
      try {
        // Made now, after the run: it then holds the functions V8 compiled lazily, too (and,
        // for a file served from the cache, those the data already held, unless V8 dropped the
        // bytecode of some unused for long: a long run's smaller data keeps the old one).
        const made = script.createCachedData();
        const data = previous && made.length < previous.length ? previous : made;
        const json = Buffer.from(JSON.stringify(header), 'utf8');
        const head = Buffer.alloc(8);
        head.writeUInt32LE(MAGIC, 0);
        head.writeUInt32LE(json.length, 4);
        const tmp = `${file}.${Date.now()}${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(tmp, Buffer.concat([head, json, data]), { mode: 0o600 });
        renameSync(tmp, file);
      } catch {
        // Another run may be writing the same file; the next run tries again.
      }
    }
    pruneStale(o.dir, Date.now());
  }

  return {
    mode: 'fallback',
    flush() {
      if (pending.length > 0) writePending();
    },
    stats: () => ({ hits, misses, updates }),
    restore() {
      Module.prototype._compile = original;
    },
  };
}

/** What a cache file says about itself: the source it was made from, the kinds of run it holds. */
interface CacheHeader {
  source: string;
  runs: string[];
}

/**
 * A source file as the cache knows it: device, inode, size and change times (one stat), and
 * whether it last changed long enough ago to be cached. V8 itself checks only the source's length;
 * comparing the whole source (the cache file carried a copy) cost ~1 ms per run for main.cjs on
 * Node 20 and another 200 KB string, and hashing would first load node:crypto (~7 ms).
 */
function sourceIdentity(filename: string, now: number): { id: string; settled: boolean } | undefined {
  try {
    const s = statSync(filename);
    return {
      id: `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`,
      settled: now - Math.max(s.mtimeMs, s.ctimeMs) >= SETTLE_MS,
    };
  } catch {
    return undefined;
  }
}

/**
 * The V8 data in a cache file and the kinds of run it holds, if the file was made from this very
 * source file (`u32 magic, u32 n, n bytes of JSON header, data`).
 */
function cachedDataFor(file: string, source: { id: string }): { data: Buffer; runs: string[] } | undefined {
  try {
    const buf = readFileSync(file);
    if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return undefined;
    const end = 8 + buf.readUInt32LE(4);
    const header = JSON.parse(buf.toString('utf8', 8, end)) as Partial<CacheHeader>;
    if (header.source !== source.id || !Array.isArray(header.runs)) return undefined;
    return { data: buf.subarray(end), runs: header.runs };
  } catch {
    return undefined;
  }
}

/**
 * Removes cache files of installs gone by (npx keeps each version in a directory of its own, and
 * every directory gets its own files). Runs only when something was written, so not on every run.
 */
function pruneStale(dir: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    try {
      const path = join(dir, name);
      const stat = statSync(path);
      // Directories are Node's own cache (one per Node version), which Node looks after.
      if (stat.isFile() && now - stat.mtimeMs > STALE_MS) unlinkSync(path);
    } catch {
      // Another run may be pruning too.
    }
  }
}

/** FNV-1a of a short string, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
