import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const outDir = mkdtempSync(join(tmpdir(), 'bench-js-'));

/**
 * Turns an ideal-client script into plain ESM for `node` (Node 20 cannot run .ts). Only our own
 * helpers are bundled; the SDK is imported at run time from node_modules, as our CLIs do.
 */
export async function compileScript(tsPath: string): Promise<string> {
  const outfile = join(outDir, basename(tsPath).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [tsPath],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}
