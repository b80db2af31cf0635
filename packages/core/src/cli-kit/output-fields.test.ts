import { describe, expect, it } from 'vitest';
import { messageSchema } from '../protocol/schemas.ts';
import { RECORD_FIELDS } from './output-fields.ts';

describe('RECORD_FIELDS', () => {
  // A field added to a schema but not here would be refused by --fields with a usage error.
  it('lists exactly the fields of every record schema, in schema order', () => {
    const fromSchemas = Object.fromEntries(
      messageSchema.options.map((o) => [o.shape.type.value, Object.keys(o.shape)]),
    );
    expect(RECORD_FIELDS).toEqual(fromSchemas);
  });
});
