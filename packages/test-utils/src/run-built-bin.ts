import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x } from 'tinyexec';

export interface BinResult {
  code: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON, one object per line (throws if a line is not JSON). */
  readonly records: Record<string, unknown>[];
}

/**
 * Runs a built CLI bin (`packages/<cli>/bin/*.cjs`) as a child process, the way a pipe would:
 * stdout is not a TTY, colour is off, and HOME and the cache are a fresh temp folder unless given.
 * tinyexec merges `process.env` under `env`, so blank a key there to unset it.
 */
export async function runBuiltBin(
  bin: string,
  args: string[],
  env: Record<string, string> = {},
  home = mkdtempSync(join(tmpdir(), 'cli-e2e-')),
): Promise<BinResult> {
  const out = await x('node', [bin, ...args], {
    nodeOptions: {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_CACHE_HOME: `${home}/cache`,
        NO_COLOR: '1',
        ...env,
      },
    },
    throwOnError: false,
  });
  const result = { code: out.exitCode, stdout: out.stdout, stderr: out.stderr };
  // Parsed on demand and not enumerable, so `toEqual(result)` compares only what the bin printed.
  Object.defineProperty(result, 'records', {
    get: () =>
      out.stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  });
  return result as BinResult;
}
