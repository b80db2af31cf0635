import type { IAMClient } from '@aws-sdk/client-iam';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { ensureSchedulerRole } from './ensure-scheduler-role.ts';
import { partitionOf } from './names.ts';
import {
  deleteTerminationSchedule,
  getTerminationSchedule,
  putTerminationSchedule,
} from './termination-schedule.ts';

/** `armed`: a schedule will terminate it; `absent`: spawn could not make one; `disabled`: opted out (or no deadline). */
export type CloudBackstopState = 'armed' | 'absent' | 'disabled';

export interface BackstopOutcome {
  state: CloudBackstopState;
  /** When the schedule fires (UTC ISO). */
  at?: string;
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
  atMs: number;
  now: number;
  description?: string;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Points the instance's schedule at `atMs`: an existing schedule is moved (keeping its role, so
 * only Scheduler permissions are needed); otherwise the role is found or created and a schedule
 * made. Never throws for AWS failures: the caller reports `absent` with the reason.
 */
export async function pointTerminationSchedule(
  c: BackstopClients,
  o: PointOptions,
): Promise<BackstopOutcome> {
  try {
    const existing = await getTerminationSchedule(c.scheduler, o.instanceId, o.region);
    let roleArn = existing?.roleArn;
    if (!roleArn) {
      if (!c.iam || !c.accountId)
        return { state: 'absent', reason: 'no IAM client to find the scheduler role' };
      const role = await ensureSchedulerRole(c.iam, {
        accountId: await c.accountId(),
        partition: partitionOf(o.region),
        region: o.region,
      });
      roleArn = role.roleArn;
    }
    const put = await putTerminationSchedule(c.scheduler, { ...o, roleArn });
    return { state: 'armed', at: put.at };
  } catch (error) {
    return { state: 'absent', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Deletes the instance's schedule; `undefined` on success or when none existed, else the reason. */
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
