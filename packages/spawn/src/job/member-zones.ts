import { isUserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { RunInput } from '../command-table.ts';

/** Failures of one AZ: the member is tried again in the region's other AZs that offer the type. */
export const ZONE_FULL = new Set(['EC2_CAPACITY_UNAVAILABLE', 'EC2_UNSUPPORTED_IN_AZ']);

export const isZoneFull = (error: unknown) => isUserError(error) && ZONE_FULL.has(error.code);

/**
 * The AZs a `--count` member is tried in after spawn's own pick had no room: those offering the
 * type (one DescribeInstanceTypeOfferings, shared by all members), without the first (the one
 * spawn's own pick lands in). None when the place is pinned (--az, --subnet) or the type comes
 * from a pipe (each record is its own place there); a lookup that fails leaves none either.
 */
export function retryZones(ctx: CommandContext, input: RunInput): () => Promise<string[]> {
  let zones: Promise<string[]> | undefined;
  return () => {
    const type = input.instanceType;
    if (!type || input.az !== undefined || input.subnet !== undefined) return Promise.resolve([]);
    zones ??= (async () => {
      const aws = await ctx.aws(['ec2']);
      const region = ctx.opts.region ?? aws.defaultRegion;
      const { describeAzOfferings } = await import('@truffle-spawn/core/catalog');
      return ((await describeAzOfferings(aws.ec2(region), [type]))[type] ?? []).slice(1);
    })().catch((e: unknown) => {
      ctx.output.warn(
        `Could not list the AZs offering ${type} (${(e as Error).message}); no retry in other AZs.`,
      );
      return [];
    });
    return zones;
  };
}
