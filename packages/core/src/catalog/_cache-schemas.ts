import type { ZodType, z as zod } from 'zod';
import type { CatalogInstanceType } from './types.ts';

// Shapes of the cached live specs and offerings, checked when read back from disk: a corrupt or
// foreign value is a miss (fetched again), never a crash or a wrong answer. Objects stay loose.
// Marked pure so a bundle that uses neither (the offline search) drops them.

/**
 * cache/lazy-schema.ts's lazySchema, itself imported on first use: the catalog index loads this
 * module, and an offline search loads none of the cache code (the CLIs' startup-lazy.cjs).
 */
function lazySchema<T>(build: (z: typeof zod) => ZodType<T>): () => Promise<ZodType<T>> {
  let schema: Promise<ZodType<T>> | undefined;
  return () => (schema ??= import('../cache/lazy-schema.ts').then((m) => m.lazySchema(build)()));
}

/** `instanceTypes`: catalog specs as DescribeInstanceTypes gave them. */
export const instanceTypesSchema = /* @__PURE__ */ lazySchema(
  (z) =>
    z.array(
      z.looseObject({
        instanceType: z.string().min(1),
        family: z.string(),
        vcpus: z.number().positive(),
        memoryMiB: z.number().positive(),
        architectures: z.array(z.string()),
        supportsHibernation: z.boolean(),
        currentGeneration: z.boolean(),
      }),
    ) as unknown as ZodType<CatalogInstanceType[]>,
);

/** `offerings`: instance type → AZs of one region. */
export const offeringsSchema = /* @__PURE__ */ lazySchema(
  (z): ZodType<Record<string, string[]>> => z.record(z.string(), z.array(z.string())),
);
