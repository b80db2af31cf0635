import { DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { paginateListSchedules, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { isAwsError } from '../aws/aws-error-name.ts';
import { parseScheduleName, SCHEDULE_GROUP, type ScheduleAction } from './names.ts';

export interface ScheduleRef {
  name: string;
  instanceId: string;
  action: ScheduleAction;
  state: string;
}

/**
 * Every spawn schedule of one region (group `spawn`, names `spawn-<instance id>` and
 * `spawn-<instance id>-stop`); none when the group does not exist.
 */
export async function listTerminationSchedules(
  scheduler: SchedulerClient,
  _region: string,
): Promise<ScheduleRef[]> {
  const found: ScheduleRef[] = [];
  try {
    for await (const page of paginateListSchedules({ client: scheduler }, { GroupName: SCHEDULE_GROUP })) {
      for (const s of page.Schedules ?? []) {
        const parsed = parseScheduleName(s.Name ?? '');
        if (parsed && s.GroupName === SCHEDULE_GROUP)
          found.push({ name: s.Name ?? '', ...parsed, state: s.State ?? '' });
      }
    }
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFound')) return [];
    throw error;
  }
  return found;
}

/**
 * Schedules whose instance is gone (terminated or unknown to EC2): what `spawn cleanup` deletes.
 * A schedule of a live instance is never returned, whatever its state.
 */
export async function findOrphanSchedules(
  scheduler: SchedulerClient,
  ec2: EC2Client,
  region: string,
): Promise<ScheduleRef[]> {
  const schedules = await listTerminationSchedules(scheduler, region);
  if (schedules.length === 0) return [];
  const alive = new Set<string>();
  // instance-id as a filter (not InstanceIds) so an id EC2 no longer knows is simply absent.
  const ids = [...new Set(schedules.map((s) => s.instanceId))];
  for (let i = 0; i < ids.length; i += 200) {
    const out = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids.slice(i, i + 200) }] }),
    );
    for (const r of out.Reservations ?? []) {
      for (const inst of r.Instances ?? []) {
        if (inst.InstanceId && inst.State?.Name !== 'terminated') alive.add(inst.InstanceId);
      }
    }
  }
  return schedules.filter((s) => !alive.has(s.instanceId));
}
