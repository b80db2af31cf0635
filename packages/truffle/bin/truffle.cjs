#!/usr/bin/env node
'use strict';
// CommonJS on purpose: on Node 20 an ES module entry starts the ESM loader, ~10 ms per run.
require('../dist/start.cjs').startCli(process, __dirname);
