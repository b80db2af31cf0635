import { run } from './main.ts';

// Entry of the single executable (bundled to CommonJS, so no top-level await).
run().catch((e: unknown) => {
  process.stderr.write(`spawnd: ${String(e)}\n`);
  process.exitCode = 1;
});
