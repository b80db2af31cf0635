import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { nodeBinary } from './node-binary.ts';

/** The embedded runtime; the SEA blob must be made by this exact version. */
export const SEA_NODE_VERSION = '24.21.0';
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const ARCHES = ['x64', 'arm64'] as const;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SPAWND_ARTIFACTS_DIR = join(root, 'artifacts', 'spawnd');
/** The checksums the spawn CLI pins in user-data (bundled into it; see core's spawnd-pins.ts). */
export const SPAWND_PINS_FILE = join(root, 'packages/core/src/launch/spawnd-pins.json');

export function spawndVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'packages/spawnd/package.json'), 'utf8')) as { version: string })
    .version;
}

export function spawndArtifactPath(arch: (typeof ARCHES)[number]): string {
  return join(SPAWND_ARTIFACTS_DIR, `spawnd-${spawndVersion()}-linux-${arch}`);
}

/**
 * The copy instances download (`<key>.gz`): gzip -9, which AL2023 can always undo. Deterministic
 * (no name or time in the header), so republishing the same build uploads nothing.
 */
export function compressSpawnd(executable: Uint8Array): Buffer {
  return gzipSync(executable, { level: 9 });
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const log = (message: string) => process.stderr.write(`build-spawnd: ${message}\n`);

/**
 * Marks the workspace's own sources side-effect free, so esbuild drops what spawnd never uses from
 * the `@truffle-spawn/core` barrels: the AWS SDK clients behind them (CLI code, release publishing)
 * would otherwise be bundled and loaded, about 95 MB of resident memory for `@aws-sdk/client-ec2`
 * alone. Core modules have no import-time effects (house rule: no `process`, no I/O at load).
 */
const workspaceSideEffectFree: Plugin = {
  name: 'workspace-side-effect-free',
  setup(b) {
    const mine = (p: string) => p.startsWith(join(root, 'packages')) && !p.includes('node_modules');
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('.') && !args.path.startsWith('@truffle-spawn/')) return undefined;
      const { kind, importer, namespace, resolveDir } = args;
      const r = await b.resolve(args.path, { kind, importer, namespace, resolveDir, pluginData: 'inner' });
      if (r.errors.length > 0 || !mine(r.path)) return undefined;
      return { path: r.path, sideEffects: false };
    });
  },
};

/**
 * commander requires node:child_process at load time, for executable subcommands spawnd does not
 * have; a proxy that requires it on first use keeps it (and dgram, net's process wrappers, the
 * binary's pages they touch) unloaded on an instance that never forks: spawnd's own uses import
 * it on demand.
 */
const lazyChildProcessForCommander: Plugin = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/commander/')
        ? { path: 'child_process', namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/** Bundles spawnd, makes one SEA blob with the x64 runtime, injects it into both runtimes. */
export async function buildSpawnd(): Promise<string[]> {
  const version = spawndVersion();
  const work = join(SPAWND_ARTIFACTS_DIR, 'build');
  mkdirSync(work, { recursive: true });
  const bundle = join(work, 'spawnd.cjs');
  const { metafile } = await build({
    entryPoints: [join(root, 'packages/spawnd/src/sea-main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    // import() of a builtin becomes a require() on first use: a SEA's main script loads builtins
    // through require, and spawnd imports node:child_process on demand.
    supported: { 'dynamic-import': false },
    legalComments: 'none',
    conditions: ['source'],
    define: { __SPAWND_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: root,
    // esbuild warns about `import.meta` in core's catalog-path helpers while parsing, even though
    // tree shaking drops them from the agent; the check below fails the build if any use survives.
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [lazyChildProcessForCommander, workspaceSideEffectFree],
  });
  // In CommonJS output `import.meta` is empty at run time: no module that uses it may reach the bundle.
  const output = Object.values(metafile.outputs)[0];
  const usesImportMeta = Object.entries(output?.inputs ?? {})
    .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && !input.includes('node_modules'))
    .filter(([input]) => !input.startsWith('lazy-builtin:'))
    .filter(([input]) => readFileSync(resolve(root, input), 'utf8').includes('import.meta'))
    .map(([input]) => input);
  if (usesImportMeta.length > 0)
    throw new Error(`the spawnd bundle includes code that reads import.meta: ${usesImportMeta.join(', ')}`);
  // node:fs/promises loads about a dozen more built-in modules (~0.75 MB resident in the daemon):
  // spawnd's io goes through packages/spawnd/src/io/fs-callbacks.ts instead.
  if (/require\("(node:)?fs\/promises"\)/.test(readFileSync(bundle, 'utf8')))
    throw new Error(
      'the spawnd bundle requires node:fs/promises; use packages/spawnd/src/io/fs-callbacks.ts',
    );
  const blob = join(work, 'sea-prep.blob');
  const config = join(work, 'sea-config.json');
  // No code cache or snapshot: both are specific to the CPU that made them, and one blob serves two.
  // Paths relative to the build folder (node runs there): the blob must not depend on where the
  // repository is checked out, or the checksums pinned in spawn would differ per clone.
  const seaConfig = JSON.stringify({
    main: basename(bundle),
    output: basename(blob),
    disableExperimentalSEAWarning: true,
    useCodeCache: false,
    useSnapshot: false,
    // A small young generation: the agent allocates little per cycle, and V8's default
    // semi-space (16 MB x 3) is resident memory for nothing (about 20 MB measured).
    // --lite-mode: no optimizing compilers (and lazy feedback vectors); the agent runs a few ms a
    // minute, and the compilers' own code paged in from the binary plus their output cost ~9 MB
    // of resident memory after the first cycles (bench-spawnd, measured side by side).
    // --minor-ms with a 1 MB young generation: V8's young mark-sweep keeps one paged 1 MB space
    // where the scavenger copies between two semi-spaces (2 MB resident once both have been
    // used, which happens in the first cycles): 53.3 -> 52.5 MB at 600 s, and less CPU.
    // V8's memory reducer compacts the heap once start-up's allocation is over (heap 6.2 -> 5.4 MB,
    // resident ~0.8 MB less), 8 s after start by default, in two GCs of which the second frees
    // nothing: one GC at 1 s makes it part of start-up instead of the first minute's idle
    // (CPU over 5-80 s 0.093 -> 0.040 %, same memory at 80 and 130 s; bench-spawnd, side by side).
    execArgv: [
      '--max-semi-space-size=1',
      '--lite-mode',
      '--minor-ms',
      '--minor-ms-max-new-space-capacity-mb=1',
      '--gc-memory-reducer-start-delay-ms=1000',
      '--memory-reducer-gc-count=1',
      // gc() for the memory-reducing GC between cycles (daemon/heap-compaction.ts).
      '--expose-gc',
    ],
  });
  const stamp = `${SEA_NODE_VERSION} ${sha256(readFileSync(bundle))} ${sha256(Buffer.from(seaConfig))}`;
  const outputs = ARCHES.map((arch) => spawndArtifactPath(arch));
  const stampFile = join(work, 'stamp');
  if (outputs.every(existsSync) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    log('up to date');
    writePins(version);
    return outputs;
  }
  writeFileSync(config, seaConfig);
  execFileSync(nodeBinary(SEA_NODE_VERSION, 'x64'), ['--experimental-sea-config', config], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const requireFromSpawnd = createRequire(join(root, 'packages/spawnd/package.json'));
  const { inject } = requireFromSpawnd('postject') as {
    inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string }): Promise<void>;
  };
  for (const arch of ARCHES) {
    const out = spawndArtifactPath(arch);
    // Built aside and renamed over: a running spawnd (a test, a benchmark) keeps its old inode
    // instead of failing the copy with ETXTBSY.
    const tmp = `${out}.${process.pid}.tmp`;
    copyFileSync(nodeBinary(SEA_NODE_VERSION, arch), tmp);
    chmodSync(tmp, 0o755);
    await inject(tmp, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SENTINEL_FUSE });
    renameSync(tmp, out);
    const name = `spawnd-${version}-linux-${arch}`;
    writeFileSync(`${out}.sha256`, `${sha256(readFileSync(out))}  ${name}\n`);
    log(`built ${out}`);
  }
  writeFileSync(stampFile, stamp);
  writePins(version);
  return outputs;
}

/** Records the built executables' SHA-256 for the spawn CLI to pin (rewritten only on change). */
function writePins(version: string): void {
  const sha256 = Object.fromEntries(ARCHES.map((arch) => [arch, sha256Of(spawndArtifactPath(arch))]));
  const text = `${JSON.stringify({ version, sha256 }, null, 2)}\n`;
  if (existsSync(SPAWND_PINS_FILE) && readFileSync(SPAWND_PINS_FILE, 'utf8') === text) return;
  writeFileSync(SPAWND_PINS_FILE, text);
  log(`pinned checksums written to ${SPAWND_PINS_FILE}`);
}

const sha256Of = (file: string) => readFileSync(`${file}.sha256`, 'utf8').split(/\s+/)[0] ?? '';

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildSpawnd().catch((e: unknown) => {
    process.stderr.write(`build-spawnd: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
