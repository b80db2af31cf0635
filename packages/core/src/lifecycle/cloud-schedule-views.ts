import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { listTerminationSchedules } from '../scheduler/find-orphan-schedules.ts';
import { getTerminationSchedule } from '../scheduler/termination-schedule.ts';
import { TAG } from '../tags.ts';
import type { CloudScheduleView } from './instance-protection.ts';
import type { ManagedInstance } from './managed-instance.ts';
import { expiresAtMs } from './ttl.ts';

export interface CloudView {
  state: CloudScheduleView;
  /** When the terminate schedule fires. */
  at?: string;
  /** When the stop schedule fires (on-expire/on-idle stop or hibernate), earlier than `at`. */
  stopAt?: string;
}

function expected(i: ManagedInstance): CloudView | undefined {
  if (i.tags[TAG.cloudBackstop] === 'off') return { state: 'disabled' };
  // A running instance without a deadline has nothing for a schedule to enforce.
  if (i.state === 'running' && expiresAtMs(i.tags) === undefined) return { state: 'disabled' };
  return undefined;
}

/**
 * The cloud schedule of each instance of one region, from one ListSchedules walk: `armed` when its
 * schedule exists, `absent` when it does not, `unknown` for all when Scheduler cannot be asked
 * (no permission, no endpoint): the list never fails because of it.
 */
export async function cloudScheduleViews(
  scheduler: SchedulerClient,
  region: string,
  instances: ManagedInstance[],
): Promise<Map<string, CloudView>> {
  const names = await listTerminationSchedules(scheduler, region).then(
    (all) => new Set(all.filter((s) => s.state !== 'DISABLED').map((s) => s.instanceId)),
    () => undefined,
  );
  return new Map(
    instances.map((i) => [
      i.instanceId,
      expected(i) ?? (names ? { state: names.has(i.instanceId) ? 'armed' : 'absent' } : { state: 'unknown' }),
    ]),
  );
}

/**
 * One instance's schedules with their times (status): terminate (`at`) and, when it has one, stop
 * (`stopAt`); `unknown` when Scheduler cannot be asked.
 */
export async function cloudScheduleView(scheduler: SchedulerClient, i: ManagedInstance): Promise<CloudView> {
  const fixed = expected(i);
  if (fixed) return fixed;
  try {
    const [terminate, stop] = await Promise.all(
      (['terminate', 'stop'] as const).map((a) =>
        getTerminationSchedule(scheduler, i.instanceId, i.region, a).then((s) =>
          s && s.state !== 'DISABLED' ? s : undefined,
        ),
      ),
    );
    if (!terminate && !stop) return { state: 'absent' };
    const view: CloudView = { state: 'armed', at: terminate?.at };
    if (stop?.at) view.stopAt = stop.at;
    return view;
  } catch {
    return { state: 'unknown' };
  }
}
