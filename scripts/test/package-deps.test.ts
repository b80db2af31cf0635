import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertBuilt } from '../../packages/test-utils/src/built.ts';

// Issue 17: a published package declares exactly what its built files load at run time. A
// dependency the bundle already contains (commander) or that nothing imports only slows every
// `npx -y`; one the bundle loads but nobody declares breaks outside this workspace, where pnpm's
// layout no longer hides it. The CLIs load core's dependencies from core's install (tsup.base.ts
// lazyCorePlugin: `coreRequire("x")`, `createRequire(coreModuleUrl())("x")`), so those must be
// core's.
const root = fileURLToPath(new URL('../..', import.meta.url));
type Pkg = 'core' | 'truffle' | 'spawn';

function builtFiles(pkg: Pkg): string[] {
  const dist = join(root, 'packages', pkg, 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(c|m)?js$/.test(f))
    .map((f) => readFileSync(join(dist, f), 'utf8'));
  expect(files.length).toBeGreaterThan(0);
  return files;
}

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
const isPackage = (s: string) =>
  !s.startsWith('.') && !s.startsWith('node:') && !s.startsWith('/') && !builtinModules.includes(s);

/** What a package's built files load: by plain require/import, and through core's install. */
function loads(pkg: Pkg): { direct: Set<string>; viaCore: Set<string>; bundled: Set<string> } {
  const direct = new Set<string>();
  const viaCore = new Set<string>();
  const bundled = new Set<string>();
  for (const code of builtFiles(pkg)) {
    for (const m of code.matchAll(/\b(?:require|import)\(\s*"([^"]+)"\s*\)|\bfrom\s*"([^"]+)"/g)) {
      const s = m[1] ?? m[2] ?? '';
      if (isPackage(s)) direct.add(packageName(s));
    }
    for (const m of code.matchAll(
      /coreRequire\("([^"]+)"\)|createRequire\)?\((?:[^()]|\([^()]*\))*\)\("([^"]+)"\)/g,
    )) {
      const s = m[1] ?? m[2] ?? '';
      if (isPackage(s)) viaCore.add(packageName(s));
    }
    // esbuild (unminified) heads each bundled module with its path: `// node_modules/x/lib/y.js`.
    for (const m of code.matchAll(/^\/\/ .*node_modules\/((?:@[^/]+\/)?[^/]+)\//gm))
      if (m[1]) bundled.add(m[1]);
  }
  return { direct, viaCore, bundled };
}

const dependencies = (pkg: Pkg) =>
  Object.keys(
    (
      JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')) as {
        dependencies?: object;
      }
    ).dependencies ?? {},
  ).sort();

describe('published dependencies match what the built files load', () => {
  it.each(['truffle', 'spawn'] as const)(
    '%s depends on what its bundle imports, core, and nothing it bundles',
    (cli) => {
      assertBuilt('core', cli);
      const { direct, viaCore, bundled } = loads(cli);
      expect(bundled.has('commander')).toBe(true); // the scan sees bundled code, so the next line can fail
      expect(dependencies(cli).filter((d) => bundled.has(d))).toEqual([]);
      expect(viaCore.size).toBeGreaterThan(0);
      expect(dependencies(cli)).toEqual([...new Set([...direct, '@truffle-spawn/core'])].sort());
    },
  );

  it("core's dependencies are exactly what core's dist and the CLIs load through it", () => {
    assertBuilt('core', 'truffle', 'spawn');
    const core = loads('core');
    const used = new Set([...core.direct, ...core.viaCore]);
    for (const cli of ['truffle', 'spawn'] as const) for (const d of loads(cli).viaCore) used.add(d);
    expect(core.bundled).toEqual(new Set());
    expect(dependencies('core')).toEqual([...used].sort());
  });
});
