import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { type Options, build as tsup } from 'tsup';
import { cliConfigs, writeInflatedCatalog } from '../../tsup.base.ts';
import { ROOT } from './_paths.ts';

/** Variant layouts of the two CLIs, built under /tmp for the with/without startup figures. */
export const VARIANTS_DIR = '/tmp/startup-variants';
export const CLIS = ['truffle', 'spawn'] as const;
type Cli = (typeof CLIS)[number];

const pkgDir = (cli: Cli) => join(ROOT, 'packages', cli);
const version = (cli: Cli) =>
  (JSON.parse(readFileSync(join(pkgDir(cli), 'package.json'), 'utf8')) as { version: string }).version;

const deps = (dir: string) =>
  Object.keys(
    (
      JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as {
        dependencies: object;
      }
    ).dependencies,
  );

/** A directory that looks like an installed CLI: bin/, dist/, package.json, node_modules. */
function prepare(variant: string, cli: Cli, modules = join(pkgDir(cli), 'node_modules')): string {
  const dir = join(VARIANTS_DIR, variant, cli);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  cpSync(join(pkgDir(cli), 'package.json'), join(dir, 'package.json'));
  symlinkSync(modules, join(dir, 'node_modules'));
  return dir;
}

const stubPipeWritable: esbuild.Plugin = {
  name: 'no-pipe-writable',
  setup(b) {
    b.onLoad({ filter: /[/\\]pipe-writable\.ts$/ }, () => ({
      contents: 'export function pipeWritable() { return undefined; }',
      loader: 'ts',
    }));
  },
};

/** Every builtin a plain require at the top of the file, as without lazyCorePlugin's stand-ins. */
const eagerBuiltins: esbuild.Plugin = {
  name: 'eager-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (a) => {
      const name = a.path.replace(/^node:/, '');
      return builtinModules.includes(name) ? { path: `node:${name}`, external: true } : undefined;
    });
  },
};

/**
 * The layout tsup.base.ts builds (start.cjs, main.cjs, commands/*.cjs), with `extra` plugins first
 * and without the plugins named in `drop`.
 */
async function tsupVariant(
  variant: string,
  cli: Cli,
  extra: esbuild.Plugin[],
  drop: string[] = [],
): Promise<void> {
  const dir = prepare(variant, cli);
  const configs = await cliConfigs(pathToFileURL(`${pkgDir(cli)}/`), {
    define: { __VERSION__: JSON.stringify(version(cli)) },
    outDir: join(dir, 'dist'),
  });
  for (const c of configs) {
    const o: Options = { ...c, config: false, silent: true, sourcemap: false };
    o.esbuildPlugins = [...extra, ...(c.esbuildPlugins ?? []).filter((p) => !drop.includes(p.name))];
    await tsup(o);
  }
  cpSync(join(pkgDir(cli), 'bin', `${cli}.cjs`), join(dir, 'bin', `${cli}.cjs`));
}

/** Core's runtime dependencies and the CLI's, side by side, as an install of a CLI that declares both. */
function mergedModules(cli: Cli): string {
  const merged = join(VARIANTS_DIR, 'plain-cjs', `modules-${cli}`);
  rmSync(merged, { recursive: true, force: true });
  for (const from of [join(ROOT, 'packages/core/node_modules'), join(pkgDir(cli), 'node_modules')]) {
    for (const name of readdirSync(from).filter((n) => !n.startsWith('.'))) {
      const entries = name.startsWith('@')
        ? readdirSync(join(from, name)).map((n) => `${name}/${n}`)
        : [name];
      for (const e of entries) {
        mkdirSync(join(merged, e, '..'), { recursive: true });
        rmSync(join(merged, e), { force: true });
        symlinkSync(join(from, e), join(merged, e));
      }
    }
  }
  return merged;
}

/** One plain esbuild call: a single CommonJS file, core bundled from source, packages external. */
async function plainCjs(variant: string, cli: Cli): Promise<void> {
  const dir = prepare(variant, cli, mergedModules(cli));
  const catalogPath = `import { builtinModules } from 'node:module';
import { join } from 'node:path';
export const embeddedCatalogPath = () => join(__dirname, 'catalog.json');`;
  await esbuild.build({
    entryPoints: { main: join(pkgDir(cli), 'src/main.ts') },
    outdir: join(dir, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    target: 'node20',
    conditions: ['source'],
    // Every package but core, which is bundled from its sources.
    external: [...deps('core'), ...deps(cli)].filter((d) => d !== '@truffle-spawn/core'),
    define: {
      __VERSION__: JSON.stringify(version(cli)),
      'import.meta.url': '__filename',
    },
    logLevel: 'error',
    plugins: [
      {
        name: 'bundle-core',
        setup(b) {
          b.onLoad({ filter: /embedded-catalog-path\.ts$/ }, () => ({ contents: catalogPath, loader: 'ts' }));
        },
      },
    ],
  });
  await writeInflatedCatalog(join(dir, 'dist'));
  writeFileSync(
    join(dir, 'bin', `${cli}.cjs`),
    `#!/usr/bin/env node\n'use strict';\nrequire('node:module').enableCompileCache?.();\nrequire('../dist/main.cjs').run();\n`,
  );
}

/** Core built by its own tsup config into the variant (packages/core/dist may lag the sources). */
async function builtCore(variant: string): Promise<string> {
  const dir = join(VARIANTS_DIR, variant, 'core');
  if (existsSync(join(dir, 'dist'))) return dir;
  const core = join(ROOT, 'packages/core');
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'data', 'node_modules']) symlinkSync(join(core, f), join(dir, f));
  const { default: config } = (await import(pathToFileURL(join(core, 'tsup.config.ts')).href)) as {
    default: Options;
  };
  const entry = Object.fromEntries(
    Object.entries(config.entry as Record<string, string>).map(([k, v]) => [k, join(core, v)]),
  );
  await tsup({
    ...config,
    entry,
    outDir: join(dir, 'dist'),
    onSuccess: undefined,
    config: false,
    silent: true,
  });
  await writeInflatedCatalog(join(dir, 'dist'));
  return dir;
}

/** The CLI's own node_modules with @truffle-spawn/core pointing at `core`. */
function modulesWithCore(variant: string, cli: Cli, core: string): string {
  const modules = join(VARIANTS_DIR, variant, `modules-${cli}`);
  rmSync(modules, { recursive: true, force: true });
  const own = join(pkgDir(cli), 'node_modules');
  for (const name of readdirSync(own).filter((n) => !n.startsWith('.'))) {
    const entries = name.startsWith('@') ? readdirSync(join(own, name)).map((n) => `${name}/${n}`) : [name];
    for (const e of entries) {
      mkdirSync(join(modules, e, '..'), { recursive: true });
      symlinkSync(e === '@truffle-spawn/core' ? core : join(own, e), join(modules, e));
    }
  }
  return modules;
}

/** ESM with esbuild's code splitting, core not bundled: it loads from core's own dist. */
async function plainEsm(variant: string, cli: Cli): Promise<void> {
  const dir = prepare(variant, cli, modulesWithCore(variant, cli, await builtCore(variant)));
  await esbuild.build({
    entryPoints: { main: join(pkgDir(cli), 'src/main.ts') },
    outdir: join(dir, 'dist'),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { __VERSION__: JSON.stringify(version(cli)) },
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'bin', `${cli}.mjs`),
    `#!/usr/bin/env node\nimport module from 'node:module';\nmodule.enableCompileCache?.();\nawait (await import('../dist/main.js')).run();\n`,
  );
}

const BUILDERS: Record<string, (cli: Cli) => Promise<void>> = {
  tsup: (cli) => tsupVariant('tsup', cli, []),
  'tsup-no-pipe': (cli) => tsupVariant('tsup-no-pipe', cli, [stubPipeWritable]),
  'tsup-eager-builtins': (cli) => tsupVariant('tsup-eager-builtins', cli, [eagerBuiltins]),
  'tsup-core-catalog': (cli) => tsupVariant('tsup-core-catalog', cli, [], ['own-catalog']),
  'plain-cjs': (cli) => plainCjs('plain-cjs', cli),
  'plain-esm': (cli) => plainEsm('plain-esm', cli),
};

export const VARIANTS = Object.keys(BUILDERS);

/** Builds both CLIs of one variant afresh. */
export async function buildVariant(variant: string): Promise<void> {
  rmSync(join(VARIANTS_DIR, variant), { recursive: true, force: true });
  for (const cli of CLIS) await BUILDERS[variant]!(cli);
}

/** The bin of a built variant. */
export function variantBin(variant: string, cli: Cli): string {
  const bin = join(VARIANTS_DIR, variant, cli, 'bin');
  return join(bin, readdirSync(bin)[0]!);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.argv.slice(2);
  for (const name of VARIANTS.filter((v) => only.length === 0 || only.includes(v))) {
    await buildVariant(name);
    process.stderr.write(`built ${name}\n`);
  }
}
