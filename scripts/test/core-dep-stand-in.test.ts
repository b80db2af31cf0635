import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyCorePlugin } from '../../tsup.base.ts';

// A CLI bundles core as CommonJS, and esbuild gives every module importing a core dependency its
// own `__toESM` copy of that dependency's exports (a getter per export). client-ec2 has ~5,000
// exports and ~25 launch modules import it: copied, that was ~0.3 s of every launch's CPU. The
// stand-in's exports therefore live on its prototype, where the copy does not look.
const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside spawn's node_modules, so the bundle finds core's install the way spawn's dist does.
const dir = mkdtempSync(join(root, 'packages/spawn/node_modules/.stand-in-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(files: Record<string, string>): Promise<unknown> {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const outfile = join(dir, 'out.cjs');
  await esbuild.build({
    entryPoints: [join(dir, 'entry.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [lazyCorePlugin],
  });
  return JSON.parse(execFileSync(process.execPath, [outfile], { encoding: 'utf8' }));
}

describe('core dependency stand-ins in a CLI bundle', () => {
  it('copy none of a client package’s exports into each importer, and names still resolve', async () => {
    const out = await run({
      'a.ts': `import * as sts from '@aws-sdk/client-sts';
export const a = sts;`,
      'b.ts': `import * as sts from '@aws-sdk/client-sts';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
export const b = sts;
export const command = new GetCallerIdentityCommand({});`,
      'entry.ts': `import { a } from './a.ts';
import { b, command } from './b.ts';
import { createRequire } from 'node:module';
const real = createRequire(${JSON.stringify(join(root, 'packages/core/package.json'))})('@aws-sdk/client-sts');
process.stdout.write(JSON.stringify({
  ownKeys: [Object.keys(a).length, Object.keys(b).length],
  realExports: Object.keys(real).length,
  sameClass: a.STSClient === real.STSClient && b.GetCallerIdentityCommand === real.GetCallerIdentityCommand,
  commandIsReal: command instanceof real.GetCallerIdentityCommand,
}));`,
    });
    expect(out).toEqual({
      // `default` is the only key esbuild's interop adds of its own.
      ownKeys: [1, 1],
      realExports: expect.any(Number),
      sameClass: true,
      commandIsReal: true,
    });
    expect((out as { realExports: number }).realExports).toBeGreaterThan(50);
  });

  it('passes a callable export through as it is (fuse.js is a class)', async () => {
    const out = await run({
      'entry.ts': `import Fuse from 'fuse.js';
const hits = new Fuse(['m7i.large', 'c7g.large'], { threshold: 0.2 }).search('m7i');
process.stdout.write(JSON.stringify({ callable: typeof Fuse, first: hits[0]?.item }));`,
    });
    expect(out).toEqual({ callable: 'function', first: 'm7i.large' });
  });
});

describe('startup-module stand-ins in the built CLIs', () => {
  // The same copy for the modules main.cjs shares with each command file (cli-kit's ~40 exports,
  // copied per importer at every command load). Checked on the build's output, which e2e tests use.
  it.each(['truffle', 'spawn'])(
    '%s: every stand-in hands out an object whose prototype is the module',
    (cli) => {
      const file = join(
        root,
        'packages',
        cli,
        'dist',
        'commands',
        cli === 'truffle' ? 'search.cjs' : 'launch.cjs',
      );
      const text = readFileSync(file, 'utf8');
      const standIns = [
        ...text.matchAll(
          /"startup-module:[^"]+"\(exports2, module2\) \{\s*"use strict";\s*(module2\.exports = [^;]+;)/g,
        ),
      ];
      expect(standIns.length).toBeGreaterThan(3);
      for (const [, body] of standIns)
        expect(body).toMatch(/^module2\.exports = Object\.create\(globalThis\[/);
    },
  );
});
