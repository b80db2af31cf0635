import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SpawnResource } from './spawn-resource.ts';

/**
 * The cloud-backstop schedules of one region whose instance is gone (terminated or unknown to
 * EC2), as cleanup leftovers. A schedule of a live instance is never returned.
 */
export async function findOrphanScheduleResources(
  scheduler: SchedulerClient,
  ec2: EC2Client,
  region: string,
): Promise<SpawnResource[]> {
  const { findOrphanSchedules } = await import('../scheduler/find-orphan-schedules.ts');
  const orphans = await findOrphanSchedules(scheduler, ec2, region);
  return orphans.map((s) => ({ kind: 'schedule', id: s.name, region, parent: s.instanceId }));
}
