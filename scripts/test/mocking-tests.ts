import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Module mocks, client mocks, spies and stubs outlive their file when a worker is reused. */
const MOCKS = /\bvi\.(mock|doMock|spyOn|stubEnv|stubGlobal)\(|\bmockClient\(/;

/**
 * Test files (paths from `root`) below `folders` that mock something, so they must run in a fresh
 * worker: the fast lane reuses workers for every other file.
 */
export function mockingTests(root: string, folders: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts') && MOCKS.test(readFileSync(path, 'utf8'))) {
        found.push(relative(root, path));
      }
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return found.sort();
}
