import type { PortForward } from '@truffle-spawn/core/lifecycle';

/** Shaped as commander's InvalidArgumentError (same `code`): a usage error (exit 2) naming the flag. */
class InvalidPort extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = 1;
}

/**
 * `--port 8888` (the same port at both ends) or `--port 8080:80` (LOCAL:REMOTE), each 1-65535.
 * Kept out of core's lifecycle barrel so `--help` does not load it.
 */
export function portValue(raw: string): PortForward {
  const m = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(raw.trim());
  const local = Number(m?.[1]);
  const remote = m?.[2] === undefined ? local : Number(m[2]);
  if (!m || !isPort(local) || !isPort(remote))
    throw new InvalidPort('expected PORT or LOCAL:REMOTE, each between 1 and 65535 (e.g. 8888 or 8080:80)');
  return { local, remote };
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}
