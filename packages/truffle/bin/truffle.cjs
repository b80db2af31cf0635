#!/usr/bin/env node
'use strict';
// CommonJS on purpose: on Node 20 an ES module entry starts the ESM loader, ~10 ms per run.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Commander's exact output (the build defines VERSION from this same file), without loading
  // the CLI: scripts probe `--version` often, and it then costs no more than Node itself.
  const { version } = JSON.parse(require('node:fs').readFileSync(`${__dirname}/../package.json`, 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  // V8 code cache for the CLI's own files, per user (Node's own from 22.1; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
  const { compileCacheDir, enableCompileCache } = require('../dist/compile-cache.cjs');
  const { env, platform } = process;
  const cache = enableCompileCache({
    module: require('node:module'),
    root: require('node:path').resolve(__dirname, '..', 'dist'),
    dir: compileCacheDir({ platform, env, homedir: env.HOME || require('node:os').homedir() }),
    runtime: `${process.versions.v8}-${process.arch}`,
    env,
  });
  process.once('exit', () => cache.flush());
  require('../dist/main.cjs').run();
}
