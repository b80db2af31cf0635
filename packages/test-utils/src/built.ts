import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Tests and their fixtures never reach dist/, so editing one must not make dist/ look stale. */
const isTestOnly = (name: string) =>
  name === '__tests__' || name.includes('.test.') || name.startsWith('_test-');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (isTestOnly(entry.name)) continue;
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/**
 * E2E tests spawn the built binaries. Building inside a test races with other test files that
 * run the same dist/, so tests only check: `pnpm test` builds before vitest starts.
 */
export function assertBuilt(...packages: string[]): void {
  for (const pkg of packages) {
    const dist = join(ROOT, 'packages', pkg, 'dist');
    let built = 0;
    try {
      built = newestMtime(dist);
    } catch {
      throw new Error(`packages/${pkg}/dist is missing: run \`pnpm build\` first (\`pnpm test\` does).`);
    }
    if (newestMtime(join(ROOT, 'packages', pkg, 'src')) > built) {
      throw new Error(
        `packages/${pkg}/dist is older than its src: run \`pnpm build\` first (\`pnpm test\` does).`,
      );
    }
  }
}
