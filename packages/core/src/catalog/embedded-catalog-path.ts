import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corePackageRoot } from './_package-root.ts';

/**
 * Path of the embedded catalog. Core's built code reads the plain `dist/catalog.json` that core's
 * build writes (loading zlib and inflating cost ~10 ms of a CLI's startup); sources read
 * `data/catalog.json.gz`, as does built code whose copy is older than the data. The CLIs' bundles
 * replace this function with their own inflated copy (`ownCatalogPlugin` in tsup.base.ts).
 */
export function embeddedCatalogPath(from: string = import.meta.url): string {
  const root = corePackageRoot(from);
  const gzipped = join(root, 'data', 'catalog.json.gz');
  const plain = join(root, 'dist', 'catalog.json');
  const inDist = dirname(fileURLToPath(from)) === join(root, 'dist');
  if (inDist && existsSync(plain) && statSync(plain).mtimeMs >= statSync(gzipped).mtimeMs) return plain;
  return gzipped;
}
