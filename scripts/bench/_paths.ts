import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TRUFFLE_BIN = join(ROOT, 'packages/truffle/bin/truffle.cjs');
export const SPAWN_BIN = join(ROOT, 'packages/spawn/bin/spawn.cjs');

/** The built CLIs are what users run; benchmarking sources through tsx would measure tsx. */
export function requireBuilt(): void {
  for (const pkg of ['core', 'truffle', 'spawn']) {
    if (!existsSync(join(ROOT, 'packages', pkg, 'dist'))) {
      throw new Error(`packages/${pkg}/dist is missing: run \`pnpm build\` first`);
    }
  }
}

/**
 * Absolute path of an AWS SDK client as core resolves it, so the ideal clients load the very same
 * SDK files (the repo root has no SDK dependency of its own).
 */
export function sdkEnv(): Record<string, string> {
  return {
    BENCH_SDK_EC2: createRequire(join(ROOT, 'packages/core/package.json')).resolve('@aws-sdk/client-ec2'),
  };
}

/** A throwaway HOME with XDG_CACHE_HOME inside, so nothing touches the real home or cache. */
export async function tempHome(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-home-'));
  return {
    env: { HOME: dir, XDG_CACHE_HOME: join(dir, '.cache') },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
