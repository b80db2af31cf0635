import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import * as esbuild from 'esbuild';
import type { Options } from 'tsup';
import { encodeCatalogSections } from './packages/core/src/catalog/catalog-sections.ts';
import { decodeCatalog, type EncodedCatalog } from './packages/core/src/catalog/encode-catalog.ts';

/** Shared build settings: ESM for Node 20, sourcemaps (no declarations: TypeScript 7 has no JS API for tsup). */
export const baseConfig: Options = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: false,
  sourcemap: true,
  clean: false,
  splitting: true,
  outDir: 'dist',
};

const CORE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'packages', 'core');
const CORE_SRC = `${join(CORE_DIR, 'src')}/`;
// Core's runtime dependencies: a CLI has none of them, so they are loaded from core's install.
const CORE_DEPS = Object.keys(
  (JSON.parse(readFileSync(join(CORE_DIR, 'package.json'), 'utf8')) as { dependencies: object }).dependencies,
);
// Builtins Node has loaded before our first line runs: no need to defer them. (Not `module`: the
// public module loads four more of Node's own, ~0.7 ms, for a createRequire few runs call.)
const LOADED_AT_BOOT = new Set(['events', 'buffer', 'path', 'url', 'util', 'fs', 'process', 'timers']);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const CORE_DEP = new RegExp(`^(${CORE_DEPS.map(escapeRegExp).join('|')})(/.*)?$`);
const LOCATION = 'core-location';
const builtin = createRequire(import.meta.url);

// Bundled core code must find its package as if it ran from core's dist (the catalog in data/,
// createRequire('fuse.js')): import.meta.url in core sources becomes coreModuleUrl(). Walking up
// node_modules takes under 1 ms where Node's own package resolution takes ~8 ms at startup;
// resolution stays the fallback for layouts without node_modules.
const LOCATION_SOURCE = `import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
let root;
function coreRoot() {
  for (let dir = __dirname; root === undefined; ) {
    const candidate = join(dir, 'node_modules', '@truffle-spawn', 'core');
    if (existsSync(join(candidate, 'package.json'))) root = candidate;
    else if (dirname(dir) === dir) root = dirname(createRequire(__filename).resolve('@truffle-spawn/core/package.json'));
    else dir = dirname(dir);
  }
  return root;
}
let url;
export const coreModuleUrl = () => (url ??= pathToFileURL(join(coreRoot(), 'dist', 'index.js')).href);
let load;
// From the real path: a symlinked core (pnpm) finds its dependencies beside its real directory.
export const coreRequire = (id) => (load ??= createRequire(realpathSync.native(join(coreRoot(), 'package.json'))))(id);
`;

/**
 * A CommonJS stand-in for a builtin Node has not loaded at boot (zlib, child_process, net, tty...
 * cost 3-11 ms each on Node 20): an object with nothing of its own whose prototype loads the
 * builtin on the first read of any export. Nothing of its own, so esbuild's per-importer
 * `__toESM` copy has nothing to copy (as for core's dependencies below): a getter per export, then
 * a copy of each, cost ~1.6 M instructions for os and vm in start.cjs alone. `__esModule` is
 * answered without loading (`__toESM` reads it; a builtin has none).
 */
function lazyBuiltinSource(name: string): string {
  const id = JSON.stringify(`node:${name}`);
  const exported: unknown = builtin(`node:${name}`);
  // node:module is a class, but only its named exports are imported (createRequire; start-cli.ts
  // takes the class itself from module.constructor): a stand-in like the objects.
  if (name !== 'module' && (typeof exported !== 'object' || exported === null))
    return `module.exports = require(${id});`;
  return `let m;
module.exports = Object.create(new Proxy({}, { get: (_, k) => (k === '__esModule' ? undefined : (m ??= require(${id}))[k]) }));`;
}

/**
 * Bundles core into a CLI as one lazily evaluated file. esbuild hoists every external static
 * import to the top of a file without code splitting, so whatever must load on first use only
 * becomes a small CommonJS stand-in instead: core's dependencies (AWS SDK, zod, fuse.js,
 * lru-cache), `require`d from core's install location where they are declared, when the module
 * using them is evaluated; and the builtins Node has not loaded yet (crypto, zlib, net,
 * commander's child_process...), on the first read of one of their exports.
 */
export const lazyCorePlugin: Plugin = {
  name: 'lazy-core',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${LOCATION}$`) }, (a) => ({ path: a.path, namespace: LOCATION }));
    build.onLoad({ filter: /.*/, namespace: LOCATION }, () => ({ contents: LOCATION_SOURCE, loader: 'js' }));
    build.onResolve({ filter: CORE_DEP }, (a) => ({ path: a.path, namespace: 'core-dep' }));
    // Every importing module gets its own `__toESM` copy of these exports (a getter per export):
    // client-ec2 has ~5,000, imported by ~25 launch modules, so the copies cost ~0.3 s of a
    // launch. An object whose prototype is the module has nothing of its own to copy, and esbuild's
    // copy keeps that prototype, so names still resolve (a callable export stays as it is).
    build.onLoad({ filter: /.*/, namespace: 'core-dep' }, (a) => ({
      contents: `const m = require('${LOCATION}').coreRequire(${JSON.stringify(a.path)});
module.exports = typeof m === 'object' && m !== null ? Object.create(m) : m;`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (a) => {
      const name = a.path.replace(/^node:/, '');
      if (!builtinModules.includes(name)) return undefined;
      // A plain require: in CommonJS output a named import of it costs nothing more.
      if (a.namespace === 'lazy-builtin' || LOADED_AT_BOOT.has(name))
        return { path: `node:${name}`, external: true };
      // No side effects: an import nothing reads is dropped with its stand-in.
      return { path: name, namespace: 'lazy-builtin', sideEffects: false };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => ({
      contents: lazyBuiltinSource(a.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /\.ts$/ }, (a) => {
      if (!a.path.startsWith(CORE_SRC)) return undefined;
      const source = readFileSync(a.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const contents = `import { coreModuleUrl as __coreModuleUrl } from '${LOCATION}';\n${source.replaceAll('import.meta.url', '__coreModuleUrl()')}`;
      return { contents, loader: 'ts', resolveDir: dirname(a.path) };
    });
  },
};

/**
 * A CLI reads its own copy of the embedded catalog, `dist/catalog.json`, written inflated by its
 * build: finding core's copy (core's root, its package.json, two stats) took ~2 ms of every run.
 * `fromOutput` is the way from the output file's directory to dist/.
 */
function ownCatalogPlugin(fromOutput: string): Plugin {
  const target = join(CORE_SRC, 'catalog', 'embedded-catalog-path.ts');
  return {
    name: 'own-catalog',
    setup(build) {
      build.onLoad({ filter: /embedded-catalog-path\.ts$/ }, (a) =>
        a.path === target
          ? {
              contents: `import { join } from 'node:path';
export function embeddedCatalogPath(): string {
  return join(__dirname, ${JSON.stringify(fromOutput)}, 'catalog.json');
}`,
              loader: 'ts',
            }
          : undefined,
      );
    },
  };
}

/**
 * Writes the embedded catalog as `<distDir>/catalog.json` (core's build and each CLI's), inflated and
 * in file format 3, whose parts are parsed on first use (see catalog-sections.ts).
 */
export async function writeInflatedCatalog(distDir: string): Promise<void> {
  const gzipped = await readFile(join(CORE_DIR, 'data', 'catalog.json.gz'));
  await mkdir(distDir, { recursive: true });
  const catalog = decodeCatalog(JSON.parse(gunzipSync(gzipped).toString('utf8')) as EncodedCatalog);
  await writeFile(join(distDir, 'catalog.json'), encodeCatalogSections(catalog));
}

const ROOT = dirname(CORE_DIR.replace(/[/\\]core$/, ''));
const REGISTRY = "globalThis[Symbol.for('@truffle-spawn/startup-modules')]";
const COMMAND_FILE = 'command-file';
const LAZY_FILE = './startup-lazy.cjs';

/** What esbuild reports about a CLI's src/main.ts (see {@link cliGraph}). */
interface CliGraph {
  /** Command modules (absolute path) and their output names (`commands/search`). */
  commands: Map<string, string>;
  /** The startup modules: everything main.ts reaches short of a command, shared with the commands. */
  startup: Set<string>;
  /**
   * The startup modules dist/main.cjs holds: those main.ts reaches through static imports and its own
   * `import()`s. The rest (AWS context, config, cache: reached through an `import()` deeper down)
   * are in dist/startup-lazy.cjs, loaded on first use.
   */
  eager: Set<string>;
}

const graphs = new Map<string, Promise<CliGraph>>();

/**
 * A CLI's commands and startup modules, from the import graph esbuild reports for src/main.ts. A
 * command is a module that a file directly in src/ (the command table, whose `load()`s import
 * them) loads with `import()` from a folder below; main.ts's own `import('./cli.ts')` stays in.
 */
export function cliGraph(packageDir: string): Promise<CliGraph> {
  let graph = graphs.get(packageDir);
  if (graph) return graph;
  const src = join(packageDir, 'src');
  const main = join(src, 'main.ts');
  const { dependencies } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  graph = esbuild
    .build({
      entryPoints: [main],
      absWorkingDir: ROOT,
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'node',
      conditions: ['source'],
      external: Object.keys(dependencies).filter(
        (d) => d !== 'commander' && !d.startsWith('@truffle-spawn/'),
      ),
      plugins: [lazyCorePlugin],
      logLevel: 'silent',
    })
    .then(({ metafile }) => {
      // Inputs outside the file namespace (`core-dep:zod`) carry a prefix: none is a source file.
      const file = (input: string) => (input.includes(':') ? undefined : resolve(ROOT, input));
      const imports = (f: string) => metafile.inputs[relative(ROOT, f)]?.imports ?? [];
      const commands = new Map<string, string>();
      for (const input of Object.keys(metafile.inputs)) {
        const importer = file(input);
        if (!importer || dirname(importer) !== src) continue;
        for (const i of imports(importer)) {
          const target = i.kind === 'dynamic-import' && !i.external ? file(i.path) : undefined;
          if (target?.startsWith(`${src}/`) && dirname(target) !== src)
            commands.set(target, relative(src, target).slice(0, -extname(target).length));
        }
      }
      const reach = (roots: string[], follow: (importer: string, kind: string) => boolean) => {
        const found = new Set<string>();
        for (const todo = [...roots]; todo.length > 0; ) {
          const f = todo.pop()!;
          if (found.has(f)) continue;
          found.add(f);
          for (const i of imports(f)) {
            const target = i.external || !follow(f, i.kind) ? undefined : file(i.path);
            if (target && !commands.has(target) && !target.includes(`${sep}node_modules${sep}`))
              todo.push(target);
          }
        }
        return new Set([...found].sort());
      };
      const startup = reach([main], () => true);
      return {
        commands,
        startup,
        // Core's light entry (errors, duration, tags) too: every command imports it.
        eager: new Set(
          [
            ...reach(
              [main, join(CORE_SRC, 'index.ts')],
              (f, kind) => kind !== 'dynamic-import' || f === main,
            ),
          ].filter((f) => startup.has(f)),
        ),
      };
    });
  graphs.set(packageDir, graph);
  return graph;
}

/**
 * A command's `import()` in a CLI's top-level files loads dist/commands/x.cjs; `folder` is where the
 * output file is, below dist/ (a command bundles the top-level file it imports, e.g. live-data-file.ts).
 */
function commandsApart(graph: CliGraph, src: string, folder = '.'): Plugin {
  return {
    name: 'commands-apart',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (a) => {
        if (a.kind !== 'dynamic-import' || a.pluginData === 'inner' || dirname(a.importer) !== src)
          return undefined;
        const { path } = await build.resolve(a.path, {
          kind: a.kind,
          importer: a.importer,
          resolveDir: a.resolveDir,
          pluginData: 'inner',
        });
        const name = graph.commands.get(path);
        if (name === undefined) return undefined;
        const file = relative(folder, name).replaceAll(sep, '/');
        return { path: `${file.startsWith('.') ? '' : './'}${file}.cjs`, namespace: COMMAND_FILE };
      });
      // The import() becomes esbuild's require of this stand-in: no ESM loader is started for it
      // (import() stays for the ESM-only packages a command loads, such as @inquirer/prompts).
      build.onLoad({ filter: /.*/, namespace: COMMAND_FILE }, (a) => ({
        contents: `module.exports = require(${JSON.stringify(a.path)});`,
        loader: 'js',
      }));
      build.onResolve({ filter: /.*/ }, (a) =>
        a.namespace === COMMAND_FILE && a.kind === 'require-call'
          ? { path: a.path, external: true }
          : undefined,
      );
    },
  };
}

/** A registry loader as esbuild writes `require(file)` of a bundled ES module. */
const WRAPPED_LOADER = /^(registry\[[^\]\n]+\] = \(\) => \(init_\w+\(\), )__toCommonJS\((\w+)\)\);$/gm;

/**
 * Makes each registry loader in a built file hand out the module's namespace object itself:
 * esbuild's `__toCommonJS` copied a getter per export (43 for cli-kit) on each first use, and the
 * consumer's stand-in only needs the exports (its prototype is that object). Callgrind, offline
 * search on Node 20: -0.67M instructions. Lines stay lines, so the source map still holds. A
 * loader left wrapped (esbuild writing it another way) fails the build instead of the speed-up
 * going quietly.
 */
async function unwrapRegistryLoaders(path: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const unwrapped = text.replace(WRAPPED_LOADER, '$1$2);');
  if (/^registry\[.*__toCommonJS\(/m.test(unwrapped))
    throw new Error(`${path}: a registry loader is not in the form unwrapRegistryLoaders expects`);
  await writeFile(path, unwrapped);
}

/**
 * Commands are bundled apart from the startup file, so `--help` compiles only what it runs, but
 * share its module instances (UserError's identity, cached state): main.ts registers a loader
 * for each of its modules, and a command's import of one becomes a call to it.
 */
function sharedStartupModules(
  packageDir: string,
  role: 'main' | 'lazy' | 'command',
  graph: Pick<CliGraph, 'startup' | 'eager'>,
): Plugin {
  const key = (file: string) => JSON.stringify(relative(ROOT, file));
  const main = join(packageDir, 'src', 'main.ts');
  const lazy = [...graph.startup].filter((f) => !graph.eager.has(f));
  // What this file bundles; everything else of the startup modules comes from the registry.
  const own = role === 'main' ? graph.eager : role === 'lazy' ? new Set(lazy) : new Set<string>();
  return {
    name: `shared-startup-modules-${role}`,
    setup(build) {
      if (role !== 'command') {
        build.onLoad({ filter: /[/\\]main\.ts$/ }, (a) => {
          if (a.path !== main) return undefined;
          const loaders = [...own]
            .filter((f) => f !== main)
            .map((f) => `registry[${key(f)}] = () => require(${JSON.stringify(f)});`);
          // main.cjs: a lazy module's first use loads startup-lazy.cjs, which puts its own loaders here.
          if (role === 'main')
            for (const f of lazy)
              loaders.push(
                `registry[${key(f)}] = () => (require(${JSON.stringify(LAZY_FILE)}), registry[${key(f)}]());`,
              );
          const registry = `const registry: Record<string, () => unknown> = (${REGISTRY} ??= {});`;
          const contents = `${role === 'main' ? readFileSync(main, 'utf8') : ''}\n${registry}\n${loaders.join('\n')}\n`;
          return { contents, loader: 'ts', resolveDir: dirname(main) };
        });
        build.onResolve({ filter: new RegExp(`^${escapeRegExp(LAZY_FILE)}$`) }, (a) => ({
          path: a.path,
          external: true,
        }));
      }
      build.onResolve({ filter: /.*/ }, async (a) => {
        if (a.namespace !== 'file' || a.kind === 'entry-point' || a.pluginData === 'inner') return undefined;
        const found = await build.resolve(a.path, {
          kind: a.kind,
          importer: a.importer,
          resolveDir: a.resolveDir,
          pluginData: 'inner',
        });
        if (found.errors.length > 0 || found.namespace !== 'file' || !graph.startup.has(found.path))
          return undefined;
        if (own.has(found.path)) return undefined;
        return { path: found.path, namespace: 'startup-module' };
      });
      // As for core dependencies: an object whose prototype is main.cjs's module gives esbuild's
      // per-importer `__toESM` copy nothing to copy (a getter per export of cli-kit, each load).
      build.onLoad({ filter: /.*/, namespace: 'startup-module' }, (a) => ({
        contents: `module.exports = Object.create(${REGISTRY}[${key(a.path)}]());`,
        loader: 'js',
      }));
    },
  };
}

/**
 * A CLI as CommonJS files: dist/start.cjs (what the bin runs: `--version`, the compile cache),
 * dist/main.cjs (the CLI's top-level code, core's cli-kit and commander, evaluated only as used)
 * and one file per command with everything else it needs, loaded when it runs. Startup on Node 20
 * is loading and compiling files, so `--help` compiles only what it runs. Same-run medians vs
 * `node -e 0` when this split replaced ~30 ESM chunks: offline search 3.7x -> 2.6x, `spawn --help`
 * 2.6x -> 2.0x; CommonJS and the compile cache then took them to 1.6-1.8x and 1.4-1.5x. Each
 * piece was measured again against a plain esbuild build on Node 20, 22 and 24 (issue 14): see
 * "Startup machinery on trial" in docs/performance.md before removing one.
 */
export async function cliConfigs(packageUrl: URL, options: Options): Promise<Options[]> {
  const packageDir = fileURLToPath(packageUrl).replace(/[/\\]$/, '');
  const outDir = options.outDir ?? join(packageDir, 'dist');
  const graph = await cliGraph(packageDir);
  // One build per output folder: the way from a command's file to dist/catalog.json differs.
  const folders = new Map<string, Record<string, string>>();
  for (const [file, name] of graph.commands) {
    const folder = dirname(name);
    folders.set(folder, { ...folders.get(folder), [name]: file });
  }
  const shared: Options = {
    ...baseConfig,
    ...options,
    outDir,
    splitting: false,
    format: ['cjs'],
    minify: false,
    noExternal: [/^@truffle-spawn\/core(\/|$)/, 'commander'],
    // tsup's own node: handling would mark every builtin external before lazyCorePlugin sees it.
    removeNodeProtocol: false,
    esbuildOptions(o) {
      // Bundle core from its sources, as the workspace's tests and type-checks see it.
      o.conditions = ['source'];
    },
  };
  return [
    {
      ...shared,
      entry: [join(packageDir, 'src', 'main.ts')],
      esbuildPlugins: [
        commandsApart(graph, join(packageDir, 'src')),
        sharedStartupModules(packageDir, 'main', graph),
        ownCatalogPlugin('.'),
        lazyCorePlugin,
      ],
      onSuccess: async () => {
        await unwrapRegistryLoaders(join(outDir, 'main.cjs'));
        await writeInflatedCatalog(outDir);
      },
    },
    ...[...folders].map(([folder, entry]) => ({
      ...shared,
      entry,
      esbuildPlugins: [
        commandsApart(graph, join(packageDir, 'src'), folder),
        sharedStartupModules(packageDir, 'command', graph),
        ownCatalogPlugin(relative(join(outDir, folder), outDir) || '.'),
        lazyCorePlugin,
      ],
    })),
    // The startup modules main.cjs reaches only through an import() below main.ts (AWS context,
    // config, cache), loaded on their first use: --help deserialises a smaller main.cjs.
    {
      ...shared,
      entry: { 'startup-lazy': join(packageDir, 'src', 'main.ts') },
      esbuildPlugins: [
        sharedStartupModules(packageDir, 'lazy', graph),
        ownCatalogPlugin('.'),
        lazyCorePlugin,
      ],
      onSuccess: () => unwrapRegistryLoaders(join(outDir, 'startup-lazy.cjs')),
    },
    // What the bin runs (core's cli-kit/start-cli.ts): a file of its own, loaded before main.cjs,
    // so the compile cache covers all of main.cjs and `--version` loads nothing else.
    {
      ...shared,
      entry: { start: join(CORE_SRC, 'cli-kit', 'start-cli.ts') },
      esbuildPlugins: [lazyCorePlugin],
    },
  ];
}
