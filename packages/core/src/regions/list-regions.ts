import type { EC2Client, Region } from '@aws-sdk/client-ec2';
import type { OptInStatus, RegionRecord } from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { OPT_IN_REGIONS, REGION_NAMES } from './region-names.ts';

/** A region record from what is known without AWS: its name and whether it needs opting in. */
export function regionRecord(region: string, optInStatus?: OptInStatus): RegionRecord {
  const name = REGION_NAMES[region];
  return {
    v: PROTOCOL_VERSION,
    type: 'region',
    region,
    ...(name ? { name } : {}),
    // AWS's own status wins: a region truffle's list predates is opt-in when AWS says so.
    optInRequired: optInStatus ? optInStatus !== 'opt-in-not-required' : OPT_IN_REGIONS.has(region),
    ...(optInStatus ? { optInStatus } : {}),
  };
}

/** Offline: the given region codes (the catalog's), sorted, with names and opt-in from the tables. */
export function regionsFromCodes(codes: Iterable<string>): RegionRecord[] {
  return [...new Set(codes)].sort().map((code) => regionRecord(code));
}

/** The account has the region enabled (its own status says so: unknown counts as enabled). */
export function isEnabled(r: RegionRecord): boolean {
  return r.optInStatus !== 'not-opted-in';
}

/**
 * Live: every region of the partition with the account's opt-in status (DescribeRegions with
 * `AllRegions`, so disabled opt-in regions are listed too), sorted by code.
 */
export async function describeAllRegions(ec2: EC2Client): Promise<RegionRecord[]> {
  // Imported here: the offline path (regionsFromCodes) must not load the EC2 client package.
  const { DescribeRegionsCommand } = await import('@aws-sdk/client-ec2');
  const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
  return (out.Regions ?? [])
    .flatMap((r: Region) => (r.RegionName ? [regionRecord(r.RegionName, optInStatusOf(r))] : []))
    .sort((a, b) => a.region.localeCompare(b.region));
}

// Plain values, not the zod enum: `truffle regions --offline` must not load zod (startup).
const OPT_IN_STATUSES: readonly string[] = [
  'opt-in-not-required',
  'opted-in',
  'not-opted-in',
] satisfies OptInStatus[];

function optInStatusOf(r: Region): OptInStatus | undefined {
  const status = r.OptInStatus;
  return status !== undefined && OPT_IN_STATUSES.includes(status) ? (status as OptInStatus) : undefined;
}
