import type { EC2Client } from '@aws-sdk/client-ec2';
import { fanOut } from '../aws/fan-out.ts';
import type { UserError } from '../errors/user-error.ts';
import { describeManagedInstances } from './describe-managed-instances.ts';
import type { ManagedInstance } from './managed-instance.ts';

/** Instances found in the regions that answered, and the regions that failed. */
export interface ManagedInstanceListing {
  instances: ManagedInstance[];
  failed: { region: string; error: UserError }[];
}

/** Lists spawn-managed instances of all `regions` in parallel; a failing region is reported, not thrown. */
export async function listManagedInstances(
  ec2For: (region: string) => EC2Client,
  regions: string[],
): Promise<ManagedInstanceListing> {
  // One concurrent round: every enabled region is 17-30 of them, each one DescribeInstances call.
  const result = await fanOut(regions, (region) => describeManagedInstances(ec2For(region), region), {
    concurrency: regions.length,
  });
  return { instances: result.ok.flatMap((r) => r.value), failed: result.failed };
}
