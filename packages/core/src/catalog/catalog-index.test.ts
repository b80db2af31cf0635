import { describe, expect, it } from 'vitest';
import { regionMask, regionMasks } from './_catalog-index.ts';
import { embeddedCatalogPath, readCatalogFile } from './load-catalog.ts';

describe('regionMask (one field of a region column, then the split column)', () => {
  it('gives every type in every region the mask the split column gives', async () => {
    // A catalog of its own: no other test has split its columns yet.
    const catalog = await readCatalogFile(embeddedCatalogPath());
    const regions = Object.keys(catalog.offerings);
    expect(regions.length).toBeGreaterThan(10);
    const count = catalog.offerings[regions[0] as string]?.masks.split(',').length ?? 0;
    expect(count).toBeGreaterThan(1000);
    for (const region of regions) {
      // The first read of a region takes the single-field path: check it at the ends and inside.
      const first = [0, 1, 500, count - 1][regions.indexOf(region) % 4] as number;
      const expected = Number.parseInt(catalog.offerings[region]?.masks.split(',')[first] || '0', 36);
      expect(regionMask(catalog, region, first), `${region} #${first}`).toBe(expected);
    }
    for (const region of regions) {
      const masks = regionMasks(catalog, region) ?? [];
      for (let i = 0; i < count; i += 97) expect(regionMask(catalog, region, i)).toBe(masks[i]);
      expect(regionMask(catalog, region, count + 5)).toBe(0);
    }
    expect(regionMask(catalog, 'xx-nowhere-1', 0)).toBeUndefined();
  });
});
