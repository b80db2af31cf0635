import { reportError } from '@truffle-spawn/core/cli-kit';
import { run, spawndIo } from './main.ts';

// Entry of the single executable (bundled to CommonJS, so no top-level await). run() reports its
// own errors; this only catches a failure to start at all, through the same reportError.
run().catch((e: unknown) => {
  process.exitCode = reportError(e, spawndIo());
});
