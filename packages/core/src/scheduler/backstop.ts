import type { IAMClient } from '@aws-sdk/client-iam';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { EndAction } from '../tags.ts';
import { ensureSchedulerRole } from './ensure-scheduler-role.ts';
import { BACKSTOP_GRACE_MS, partitionOf } from './names.ts';
import {
  deleteInstanceSchedule,
  deleteTerminationSchedule,
  getTerminationSchedule,
  putTerminationSchedule,
} from './termination-schedule.ts';

/** `armed`: a schedule will terminate it; `absent`: spawn could not make one; `disabled`: opted out (or no deadline). */
export type CloudBackstopState = 'armed' | 'absent' | 'disabled';

export interface BackstopOutcome {
  state: CloudBackstopState;
  /** When the terminate schedule fires (UTC ISO). */
  at?: string;
  /** When the stop schedule fires (UTC ISO); only for an instance whose end keeps its disk. */
  stopAt?: string;
  /** Why it is absent or disabled, in words. */
  reason?: string;
}

export interface BackstopClients {
  scheduler: SchedulerClient;
  /** Needed only when no schedule exists yet and the role must be found or created. */
  iam?: IAMClient;
  accountId?: () => Promise<string>;
}

export interface PointOptions {
  instanceId: string;
  region: string;
  /** When the terminate schedule fires. */
  atMs: number;
  /** When the stop schedule fires; undefined: there is none (an existing one is deleted). */
  stopAtMs?: number;
  now: number;
  description?: string;
  stopDescription?: string;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Whether the backstop stops before it terminates: the user asked for a stop (or hibernation) at
 * the deadline, or spawnd stops the instance when idle (its TTL then pauses, but spawnd may not
 * move the schedule), so terminating at the deadline would destroy a disk the user kept on purpose.
 */
export function backstopStopsFirst(o: { onExpire?: string; onIdle?: string; idleTimeout: boolean }): boolean {
  const keeps = (a: string | undefined) => a === ('stop' satisfies EndAction) || a === 'hibernate';
  return keeps(o.onExpire) || (o.idleTimeout && keeps(o.onIdle));
}

/**
 * The schedules for a running instance with a deadline: terminate at deadline + grace; or, when
 * it stops first, stop at deadline + grace and terminate `maxStoppedMs` later (bounds the disk bill).
 */
export function backstopTimes(o: { deadlineMs: number; stopsFirst: boolean; maxStoppedMs: number }): {
  atMs: number;
  stopAtMs?: number;
} {
  const end = o.deadlineMs + BACKSTOP_GRACE_MS;
  return o.stopsFirst ? { atMs: end + o.maxStoppedMs, stopAtMs: end } : { atMs: end };
}

/**
 * Points the instance's terminate schedule at `atMs` and its stop schedule at `stopAtMs` (or
 * deletes the stop schedule when there is none). An existing schedule is moved keeping its role,
 * so only Scheduler permissions are needed; otherwise the role is found or created. A new stop
 * schedule goes through the role lookup when IAM is at hand, so a role made by an older spawn
 * (terminate only) gets ec2:StopInstances first. Never throws for AWS failures: the caller
 * reports `absent` with the reason (and then the old schedules still fire at their old times).
 */
export async function pointTerminationSchedule(
  c: BackstopClients,
  o: PointOptions,
): Promise<BackstopOutcome> {
  try {
    const existing = await getTerminationSchedule(c.scheduler, o.instanceId, o.region);
    const existingStop =
      o.stopAtMs === undefined
        ? undefined
        : await getTerminationSchedule(c.scheduler, o.instanceId, o.region, 'stop');
    const known = existingStop?.roleArn ?? existing?.roleArn;
    const needsRepair = o.stopAtMs !== undefined && !existingStop;
    let roleArn: string;
    if (known && !(needsRepair && c.iam && c.accountId)) roleArn = known;
    else {
      if (!c.iam || !c.accountId)
        return { state: 'absent', reason: 'no IAM client to find the scheduler role' };
      const ensure = ensureSchedulerRole(c.iam, {
        accountId: await c.accountId(),
        partition: partitionOf(o.region),
        region: o.region,
      });
      // Only a missing role is fatal: an IAM denial while updating a known role keeps that role.
      roleArn = known
        ? await ensure.then(
            (r) => r.roleArn,
            () => known,
          )
        : (await ensure).roleArn;
    }
    const { stopAtMs, stopDescription, ...rest } = o;
    // Terminate first: it is the one that bounds the bill, whatever happens to the stop.
    const put = await putTerminationSchedule(c.scheduler, { ...rest, roleArn, action: 'terminate' });
    if (stopAtMs === undefined) {
      await deleteInstanceSchedule(c.scheduler, o.instanceId, o.region, 'stop');
      return { state: 'armed', at: put.at };
    }
    const stop = await putTerminationSchedule(c.scheduler, {
      ...rest,
      atMs: stopAtMs,
      description: stopDescription,
      roleArn,
      action: 'stop',
    });
    return { state: 'armed', at: put.at, stopAt: stop.at };
  } catch (error) {
    return { state: 'absent', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Deletes the instance's schedules (terminate and stop); `undefined` on success or when none existed, else the reason. */
export async function removeTerminationSchedule(
  scheduler: SchedulerClient,
  instanceId: string,
  region: string,
): Promise<string | undefined> {
  try {
    await deleteTerminationSchedule(scheduler, instanceId, region);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
