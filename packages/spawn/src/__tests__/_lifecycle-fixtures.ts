import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MotoContext } from '@truffle-spawn/test-utils/moto';
import { x } from 'tinyexec';

export * from '../../../core/src/lifecycle/_moto-fixtures.ts';

export const SPAWN_BIN = fileURLToPath(new URL('../../bin/spawn.cjs', import.meta.url));

export interface BinResult {
  code: number | undefined;
  stdout: string;
  stderr: string;
  records: Record<string, unknown>[];
}

/** A temp HOME (and cache dir) so the binary never touches the real home; removed by the caller. */
export async function tempHome(): Promise<{ dir: string; [Symbol.asyncDispose](): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'spawn-lifecycle-'));
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the real built `spawn` binary against moto with piped stdio (so stdout is NDJSON). */
export async function runSpawnBin(
  moto: MotoContext,
  home: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<BinResult> {
  // tinyexec puts node's own directory (where a real ssh may live) before the PATH we pass, so a
  // stand-in PATH is applied by `env` right before node starts.
  const command = env.PATH ? ['env', `PATH=${env.PATH}`, 'node'] : ['node'];
  const out = await x(command[0] as string, [...command.slice(1), SPAWN_BIN, ...args], {
    nodeOptions: {
      env: {
        PATH: process.env.PATH ?? '',
        ...moto.env,
        HOME: home,
        USERPROFILE: home,
        XDG_CACHE_HOME: join(home, '.cache'),
        NO_COLOR: '1',
        // The public-IP check never leaves the machine (port 9 refuses at once); a test may serve one.
        SPAWN_CHECKIP_URL: 'http://127.0.0.1:9/',
        ...env,
      },
    },
    throwOnError: false,
  });
  const records = out.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code: out.exitCode, stdout: out.stdout, stderr: out.stderr, records };
}
