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
import { dirname, join, relative, sep } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';
import { defaultCacheDir } from '../cache/default-cache-dir.ts';

/**
 * V8 code cache for a CLI's own bundled files, so a run does not compile (and lazily recompile)
 * the same JavaScript again: CommonJS files below `root` are compiled through `vm.Script` with
 * cached data made after the run, except files that call import() (spawn's launch command, for its
 * ESM-only prompt libraries). Measured on Node 20, `truffle search m7i.large --offline`: 101 ms ->
 * 85 ms (same run, vs 46 ms for `node -e 0`).
 *
 * Node 22.1+ also has a cache of its own (`module.enableCompileCache`), enabled as well for what
 * the fallback leaves (import() files, packages), but it keeps only the code compiled when a file
 * loads, not the functions a run compiles later: with it alone, CPU on Node 24 (same run, `node
 * -e 0` 48 ms) was 78 ms for `truffle --help` and 105 ms for the offline search, 69 and 92 ms
 * with the CLI's own files in the fallback.
 */

/** Files no run has rewritten for this long are removed when another file is written. */
const STALE_MS = 30 * 86_400_000;
export interface CompileCacheOptions {
  /** `node:module` of the running process. */
  module: typeof NodeModule;
  /** Only CommonJS files below this directory use the fallback cache (the CLI's dist). */
  root: string;
  /** Per-user directory for the cache files; created 0700. */
  dir: string;
  /** Runtime identity (V8 version, arch): data made by another runtime is never even read. */
  runtime: string;
  /** `NODE_DISABLE_COMPILE_CACHE` (Node's own switch) turns both kinds off. */
  env: Record<string, string | undefined>;
}

export interface CompileCache {
  /**
   * `fallback`: vm.Script cached data for the CLI's files (plus Node's own cache, where it exists,
   * for the rest); `native`: Node's own cache only (no vm loader to fall back on); otherwise off.
   */
  readonly mode: 'native' | 'fallback' | 'disabled' | 'unsupported';
  /** Writes data for files compiled without a usable cache (call once, at exit). Never throws. */
  flush(): void;
  /** Files served from the cache, and compiled without it, by the fallback so far. */
  stats(): { hits: number; misses: number };
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
    stats: () => ({ hits: 0, misses: 0 }),
    restore() {},
  });
  if (o.env.NODE_DISABLE_COMPILE_CACHE) return off('disabled');
  const native = (o.module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  // Without it (before Node 20.12) import() in a vm.Script fails even without cached data.
  const loader = (vmConstants as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } | undefined)
    ?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (typeof native === 'function') {
    native(o.dir);
    if (loader === undefined) return { ...off('disabled'), mode: 'native' };
  }
  if (loader === undefined) return off('unsupported');

  const Module = o.module as unknown as ModuleInternals;
  const original = Module.prototype._compile;
  const under = o.root.endsWith(sep) ? o.root : o.root + sep;
  // truffle and spawn share the directory and both have a main.cjs: names say whose file it is.
  const rootTag = fnv1a(o.root);
  const pending: { script: Script; file: string; source: string }[] = [];
  let hits = 0;
  let misses = 0;

  Module.prototype._compile = function compileWithCache(this: LoadedModule, content, filename) {
    // Node 20 drops the import() callback of a script compiled from cached data
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): files that may call import() compile as usual.
    if (!filename.startsWith(under) || content.includes('import('))
      return original.call(this, content, filename);
    const file = join(o.dir, `${rootTag}.${relative(o.root, filename).replaceAll(sep, '__')}.${o.runtime}`);
    const cachedData = cachedDataFor(file, content);
    const script = new Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: loader as never,
    });
    if (cachedData === undefined || script.cachedDataRejected) {
      misses++;
      pending.push({ script, file, source: content });
    } else {
      hits++;
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

  function requireFor(module: LoadedModule, filename: string): NodeJS.Require {
    const resolver = Module.createRequire(filename);
    return Object.assign((id: string) => module.require(id), {
      resolve: resolver.resolve,
      cache: resolver.cache,
      main: resolver.main,
      extensions: resolver.extensions,
    }) as NodeJS.Require;
  }

  return {
    mode: 'fallback',
    flush() {
      if (pending.length === 0) return;
      // A cache never fails the command: a read-only or full disk only costs the speed-up.
      try {
        mkdirSync(o.dir, { recursive: true, mode: 0o700 });
      } catch {
        return;
      }
      for (const { script, file, source } of pending.splice(0)) {
        try {
          // Made now, after the run: it then holds the functions V8 compiled lazily, too.
          const sourceBytes = Buffer.from(source, 'utf8');
          const header = Buffer.alloc(4);
          header.writeUInt32LE(sourceBytes.length, 0);
          const tmp = `${file}.${Date.now()}${Math.random().toString(36).slice(2)}.tmp`;
          writeFileSync(tmp, Buffer.concat([header, sourceBytes, script.createCachedData()]), {
            mode: 0o600,
          });
          renameSync(tmp, file);
        } catch {
          // Another run may be writing the same file; the next run tries again.
        }
      }
      pruneStale(o.dir, Date.now());
    },
    stats: () => ({ hits, misses }),
    restore() {
      Module.prototype._compile = original;
    },
  };
}

/**
 * The V8 data in a cache file, if the file was made from exactly this source. V8 itself checks only
 * the source's length, so the file carries the source (`u32 length, source, data`); comparing it
 * costs ~0.5 ms for 200 KB, where hashing would first load node:crypto (~7 ms on Node 20).
 */
function cachedDataFor(file: string, source: string): Buffer | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.length < 4) return undefined;
  const end = 4 + buf.readUInt32LE(0);
  if (end > buf.length || buf.toString('utf8', 4, end) !== source) return undefined;
  return buf.subarray(end);
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
