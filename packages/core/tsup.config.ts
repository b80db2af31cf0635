import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { baseConfig, writeInflatedCatalog } from '../../tsup.base.ts';

const areas = [
  'protocol',
  'aws',
  'cache',
  'cli-kit',
  'regions',
  'catalog',
  'search',
  'pricing',
  'spot',
  'capacity',
  'quotas',
  'launch',
  'lifecycle',
  'agent',
  'scheduler',
];

/** One entry per subpath export so a command loads only the areas it uses. */
export default defineConfig({
  ...baseConfig,
  entry: {
    index: 'src/index.ts',
    completion: 'src/cli-kit/completion/index.ts',
    ...Object.fromEntries(areas.map((a) => [a, `src/${a}/index.ts`])),
  },
  // The embedded catalog, inflated once here instead of at every CLI start (embedded-catalog-path.ts).
  onSuccess: () => writeInflatedCatalog(fileURLToPath(new URL('./dist', import.meta.url))),
});
