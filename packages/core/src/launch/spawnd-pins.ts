import pins from './spawnd-pins.json' with { type: 'json' };

/** SHA-256 of each spawnd executable. */
export interface SpawndChecksums {
  x64: string;
  arm64: string;
}

const HEX = /^[0-9a-f]{64}$/;

/**
 * The checksums of the spawnd release this package was built with: `pnpm build:spawnd` writes
 * `spawnd-pins.json`, and the CLI bundles it, so an instance trusts exactly that build and no
 * bucket. `undefined` for any other version (then the home bucket's `.sha256` is used and the plan
 * says the checksum is not pinned).
 */
export function pinnedSpawndChecksums(
  version: string,
  known: { version: string; sha256: SpawndChecksums } = pins,
): SpawndChecksums | undefined {
  if (known.version !== version) return undefined;
  const { x64, arm64 } = known.sha256;
  return HEX.test(x64) && HEX.test(arm64) ? { x64, arm64 } : undefined;
}
