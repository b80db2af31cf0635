#!/usr/bin/env node
'use strict';
// CommonJS on purpose: on Node 20 an ES module entry starts the ESM loader, ~10 ms per run.
// Loaded by path, as start-cli.ts loads main.cjs (load-file.ts): require() reads package.json first.
const start = new module.constructor(require('node:path').join(__dirname, '..', 'dist', 'start.cjs'), module);
start.load(start.id);
start.exports.startCli(process, __dirname);
