// Replaced at build time by scripts/build-spawnd.ts (esbuild `define`); source runs say "dev".
declare const __SPAWND_VERSION__: string | undefined;

export const SPAWND_VERSION: string =
  typeof __SPAWND_VERSION__ === 'string' ? __SPAWND_VERSION__ : '0.0.0-dev';
