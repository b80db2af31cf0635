#!/usr/bin/env node
import module from 'node:module';

// Compile cache exists from Node 22.1; older runtimes simply skip it.
module.enableCompileCache?.();
const { run } = await import('../dist/main.js');
await run();
