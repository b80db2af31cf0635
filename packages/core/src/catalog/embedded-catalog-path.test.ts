import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embeddedCatalogPath } from './embedded-catalog-path.ts';

describe('embeddedCatalogPath', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'core-root-'));
    await mkdir(join(root, 'data'));
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'package.json'), '{"name":"@truffle-spawn/core"}');
    await writeFile(join(root, 'data', 'catalog.json.gz'), '');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));
  const fromDist = () => pathToFileURL(join(root, 'dist', 'index.js')).href;

  it('reads the gzipped data from sources', () => {
    expect(embeddedCatalogPath()).toMatch(/packages[/\\]core[/\\]data[/\\]catalog\.json\.gz$/);
  });

  it('reads the plain copy the build wrote from built code', async () => {
    await writeFile(join(root, 'dist', 'catalog.json'), '{}');
    expect(embeddedCatalogPath(fromDist())).toBe(join(root, 'dist', 'catalog.json'));
  });

  it('falls back to the data when the built copy is missing or older', async () => {
    expect(embeddedCatalogPath(fromDist())).toBe(join(root, 'data', 'catalog.json.gz'));
    await writeFile(join(root, 'dist', 'catalog.json'), '{}');
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'data', 'catalog.json.gz'), later, later);
    expect(embeddedCatalogPath(fromDist())).toBe(join(root, 'data', 'catalog.json.gz'));
  });
});
