import type { ZodType, z as zod } from 'zod';

/**
 * A cache value schema built on first use: zod is imported then, not when the module declaring the
 * shape loads (an offline search never reads a live cache entry, and zod's import alone cost it
 * about 2.5x `node -e 0` in startup).
 */
export function lazySchema<T>(build: (z: typeof zod) => ZodType<T>): () => Promise<ZodType<T>> {
  let schema: Promise<ZodType<T>> | undefined;
  return () => {
    schema ??= import('zod').then(({ z }) => build(z));
    return schema;
  };
}
