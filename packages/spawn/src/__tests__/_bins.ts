import { fileURLToPath } from 'node:url';
import { x } from 'tinyexec';

export const SPAWN_BIN = fileURLToPath(new URL('../../bin/spawn.cjs', import.meta.url));
export const TRUFFLE_BIN = fileURLToPath(new URL('../../../truffle/bin/truffle.cjs', import.meta.url));

/** Runs a shell pipeline with the real binaries (stdin closed unless piped). */
export async function sh(script: string, env: Record<string, string>) {
  const out = await x('sh', ['-c', script], {
    nodeOptions: { env: { PATH: process.env.PATH ?? '', ...env } },
    throwOnError: false,
  });
  return { code: out.exitCode, stdout: out.stdout, stderr: out.stderr };
}
