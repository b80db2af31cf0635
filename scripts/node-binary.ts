import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * An official Node binary from the npm registry package `node-linux-<arch>@<version>`, cached
 * across runs (SPAWND_NODE_CACHE, default ~/.cache/truffle-spawn/node-dist). build-spawnd embeds
 * one in each spawnd executable; the startup bench measures the CLIs on several.
 */
export function nodeBinary(version: string, arch: 'x64' | 'arm64' = 'x64'): string {
  const cache = process.env.SPAWND_NODE_CACHE || join(homedir(), '.cache', 'truffle-spawn', 'node-dist');
  const name = `node-linux-${arch}-${version}`;
  const binary = join(cache, name, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(join(cache, name), { recursive: true });
  const tgz = join(cache, `${name}.tgz`);
  if (!existsSync(tgz)) {
    process.stderr.write(`downloading node-linux-${arch}@${version} from the npm registry\n`);
    execFileSync('npm', ['pack', `node-linux-${arch}@${version}`, '--pack-destination', cache, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  execFileSync('tar', ['-xzf', tgz, '-C', join(cache, name), 'package/bin/node']);
  return binary;
}
