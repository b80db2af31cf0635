import { describe, expect, it } from 'vitest';
import { renderConfigJsonSchema } from './_json-schema.ts';

describe('config file JSON Schema', () => {
  // Fails when config-schema.ts changes without `npx tsx scripts/gen-schemas.ts` (or `vitest -u`).
  it('matches the committed packages/core/schema/config.schema.json', async () => {
    await expect(renderConfigJsonSchema()).toMatchFileSnapshot('../../schema/config.schema.json');
  });

  it('lists every key the loader accepts, and no other', () => {
    const schema = JSON.parse(renderConfigJsonSchema()) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['$schema', 'idle-timeout', 'key', 'region', 'ssh-cidr', 'tags', 'ttl'].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});
