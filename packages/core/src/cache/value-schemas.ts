import type { z as zod } from 'zod';
import { lazySchema } from './lazy-schema.ts';

// Shapes of cached values, checked when read back from disk (see GetOrLoadOptions.schema).
// Objects are loose: a field added by a newer version is kept, a missing or mistyped one is a miss.

const usdPerHour = (z: typeof zod) => z.number().finite().positive();

/** `regions`: the account's enabled region names. */
export const regionListSchema = lazySchema((z) =>
  z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/)).min(1),
);

/** `onDemandPrices` per instance type: region → live Price List price. */
export const onDemandPricesByRegionSchema = lazySchema((z) =>
  z.record(
    z.string(),
    z.looseObject({ usdPerHour: usdPerHour(z), asOf: z.string(), source: z.literal('pricing-api') }),
  ),
);

/** `onDemandPrices` per region: instance type → price. */
export const priceTableSchema = lazySchema((z) =>
  z.record(z.string(), z.looseObject({ usdPerHour: usdPerHour(z), asOf: z.string() })),
);

/** `spotPrices`: the price in effect per instance type and AZ. */
export const spotPricesSchema = lazySchema((z) =>
  z.array(
    z.looseObject({
      instanceType: z.string(),
      availabilityZone: z.string(),
      region: z.string(),
      usdPerHour: usdPerHour(z),
      timestamp: z.string(),
    }),
  ),
);
