import { z } from 'zod';
import { buildConfigSchema } from './config-schema.ts';

/**
 * The config file's JSON Schema as committed in `packages/core/schema/config.schema.json`
 * (editors complete and check `config.json` with it through `"$schema"`): keys sorted, trailing newline.
 */
export function renderConfigJsonSchema(): string {
  const schema = {
    title: 'truffle-spawn config file',
    description:
      'Defaults for truffle and spawn, in ~/.config/truffle-spawn/config.toml or config.json; flags override them.',
    ...z.toJSONSchema(buildConfigSchema(z), { target: 'draft-2020-12', io: 'input' }),
  };
  return `${JSON.stringify(sortKeys(schema), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
