import type { ZodType } from 'zod';
import { lazySchema } from '../cache/lazy-schema.ts';
import type { CatalogInstanceType } from './types.ts';

// Shapes of the cached live specs and offerings, checked when read back from disk: a corrupt or
// foreign value is a miss (fetched again), never a crash or a wrong answer. Objects stay loose.

/** `instanceTypes`: catalog specs as DescribeInstanceTypes gave them. */
export const instanceTypesSchema = lazySchema(
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
export const offeringsSchema = lazySchema(
  (z): ZodType<Record<string, string[]>> => z.record(z.string(), z.array(z.string())),
);
