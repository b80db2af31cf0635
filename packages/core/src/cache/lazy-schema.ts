import type { ZodType, z as zod } from 'zod';
import { SCHEMA_SOURCE } from './_value-stamp.ts';

/**
 * A cache value schema built on first use: zod is imported then, not when the module declaring the
 * shape loads (an offline search never reads a live cache entry, and zod's import alone cost it
 * about 2.5x `node -e 0` in startup). The builder's source marks the values it checked on write
 * (see _value-stamp.ts), so a warm run reading them back does not load zod at all.
 */
export function lazySchema<T>(build: (z: typeof zod) => ZodType<T>): () => Promise<ZodType<T>> {
  let schema: Promise<ZodType<T>> | undefined;
  const get = () => {
    schema ??= import('zod').then(({ z }) => build(z));
    return schema;
  };
  return Object.assign(get, { [SCHEMA_SOURCE]: build.toString() });
}
