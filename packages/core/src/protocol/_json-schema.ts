import { z } from 'zod';
import { messageSchema } from './schemas.ts';

/**
 * The protocol's JSON Schema as committed in `packages/core/schema/protocol.schema.json`:
 * pretty-printed, object keys sorted so regeneration gives byte-identical output, trailing newline.
 */
export function renderProtocolJsonSchema(): string {
  const schema = {
    title: 'truffle-spawn protocol record',
    description:
      'One line of the NDJSON stream between truffle, spawn and scripts (protocol major version 1).',
    ...z.toJSONSchema(messageSchema, { target: 'draft-2020-12' }),
  };
  return `${JSON.stringify(sortKeys(schema), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
