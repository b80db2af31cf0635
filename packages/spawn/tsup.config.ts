import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { cliConfigs } from '../../tsup.base.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig(() =>
  cliConfigs(new URL('.', import.meta.url), { define: { __VERSION__: JSON.stringify(version) } }),
);
