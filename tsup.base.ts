import type { Options } from 'tsup';

/** Shared build settings: ESM for Node 20, declarations, sourcemaps. */
export const baseConfig: Options = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: false,
  sourcemap: true,
  clean: false,
  splitting: true,
  outDir: 'dist',
};
