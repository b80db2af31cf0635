import { z } from 'zod';
import { PROTOCOL_VERSION } from '../protocol/schemas.ts';

/** DescribeRegions' `OptInStatus`, as AWS spells it. */
export const optInStatusSchema = z.enum(['opt-in-not-required', 'opted-in', 'not-opted-in']);

/** One AWS region (`truffle regions`). */
export const regionSchema = z.looseObject({
  v: z.literal(PROTOCOL_VERSION).describe('Protocol major version'),
  type: z.literal('region'),
  region: z.string().min(1).describe('Region code, e.g. eu-west-1'),
  name: z
    .string()
    .optional()
    .describe('Long name, e.g. Europe (Ireland); absent for a region truffle does not know'),
  optInRequired: z
    .boolean()
    .describe('The region is disabled until the account enables it (launched after 2019-03-20)'),
  optInStatus: optInStatusSchema
    .optional()
    .describe("The account's status from DescribeRegions; absent offline, where the account is unknown"),
});

export type OptInStatus = z.infer<typeof optInStatusSchema>;
export type RegionRecord = z.infer<typeof regionSchema>;
