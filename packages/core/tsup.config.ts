import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

const areas = [
  'protocol',
  'aws',
  'cache',
  'cli-kit',
  'catalog',
  'search',
  'pricing',
  'spot',
  'capacity',
  'quotas',
  'launch',
  'lifecycle',
  'agent',
];

/** One entry per subpath export so a command loads only the areas it uses. */
export default defineConfig({
  ...baseConfig,
  entry: { index: 'src/index.ts', ...Object.fromEntries(areas.map((a) => [a, `src/${a}/index.ts`])) },
  // The embedded catalog, inflated once here instead of at every CLI start (embedded-catalog-path.ts).
  async onSuccess() {
    const gzipped = await readFile(new URL('./data/catalog.json.gz', import.meta.url));
    await writeFile(new URL('./dist/catalog.json', import.meta.url), gunzipSync(gzipped));
  },
});
