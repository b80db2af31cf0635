import { describe, expect, it } from 'vitest';
import { renderProtocolJsonSchema } from './_json-schema.ts';

describe('protocol JSON Schema', () => {
  // Fails when schemas.ts changes without `npx tsx scripts/gen-schemas.ts` (or `vitest -u`).
  it('matches the committed packages/core/schema/protocol.schema.json', async () => {
    await expect(renderProtocolJsonSchema()).toMatchFileSnapshot('../../schema/protocol.schema.json');
  });

  it('is stable across renders and describes every record type', () => {
    const text = renderProtocolJsonSchema();
    expect(renderProtocolJsonSchema()).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    const schema = JSON.parse(text) as { oneOf?: { properties: { type: { const: string } } }[] };
    expect(schema.oneOf?.map((s) => s.properties.type.const)).toEqual([
      'offer',
      'capacity',
      'quota',
      'error',
      'launched',
      'instance',
      'region',
      'job',
    ]);
  });
});
