#!/usr/bin/env node
import module from 'node:module';

// Compile cache exists from Node 22.1; older runtimes simply skip it.
module.enableCompileCache?.();
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Commander's exact output (the build defines VERSION from this same file), without loading
  // the CLI: scripts probe `--version` often, and it then costs no more than Node itself.
  // fs through require: an ESM import of node:fs would also load the stream modules.
  const { readFileSync } = module.createRequire(import.meta.url)('node:fs');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  const { run } = await import('../dist/main.js');
  await run();
}
