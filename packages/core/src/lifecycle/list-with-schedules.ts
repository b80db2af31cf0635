import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { fanOut } from '../aws/fan-out.ts';
import { type CloudView, cloudScheduleViews } from './cloud-schedule-views.ts';
import { describeManagedInstances } from './describe-managed-instances.ts';
import type { ManagedInstanceListing } from './list-managed-instances.ts';
import type { ManagedInstance } from './managed-instance.ts';

/** What `spawn list` shows: the instances, the failed regions, and each kept instance's cloud schedule. */
export interface ListingWithSchedules extends ManagedInstanceListing {
  views: Map<string, CloudView>;
}

/**
 * Every region's spawn-managed instances at once, and in each region where some are `keep`, its
 * ListSchedules walk sent as soon as that region's DescribeInstances answers: it overlaps the
 * other regions' DescribeInstances, so the listing takes 2 rounds, not 3. A region without kept
 * instances is never asked for schedules; a failed walk leaves its views `unknown`.
 */
export async function listWithSchedules(
  o: {
    ec2For: (region: string) => EC2Client;
    schedulerFor: (region: string) => SchedulerClient;
    keep: (i: ManagedInstance) => boolean;
  },
  regions: string[],
): Promise<ListingWithSchedules> {
  const walks: Promise<Map<string, CloudView>>[] = [];
  // One concurrent round: every enabled region is 17-30 of them, each one DescribeInstances call.
  const result = await fanOut(
    regions,
    async (region) => {
      const found = await describeManagedInstances(o.ec2For(region), region);
      const kept = found.filter(o.keep);
      if (kept.length > 0) walks.push(cloudScheduleViews(o.schedulerFor(region), region, kept));
      return found;
    },
    { concurrency: regions.length },
  );
  const views = new Map<string, CloudView>();
  for (const m of await Promise.all(walks)) for (const [id, view] of m) views.set(id, view);
  return { instances: result.ok.flatMap((r) => r.value), failed: result.failed, views };
}
