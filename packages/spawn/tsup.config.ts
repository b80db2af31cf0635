import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { cliConfig } from '../../tsup.base.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  ...cliConfig,
  define: { __VERSION__: JSON.stringify(version) },
});
