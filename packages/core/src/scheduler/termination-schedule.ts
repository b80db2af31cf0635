import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { isAwsError } from '../aws/aws-error-name.ts';
import { TAG } from '../tags.ts';
import { atExpression, parseAtExpression } from './at-expression.ts';
import { partitionOf, SCHEDULE_GROUP, type ScheduleAction, scheduleName } from './names.ts';

/** A spawn schedule as read back from EventBridge Scheduler. */
export interface TerminationSchedule {
  name: string;
  instanceId: string;
  /** What it does when it fires: ec2:TerminateInstances or ec2:StopInstances. */
  action: ScheduleAction;
  /** When it fires (UTC ISO, whole seconds); undefined when the expression is not `at(...)`. */
  at?: string;
  /** ENABLED | DISABLED */
  state: string;
  roleArn?: string;
}

export interface PutScheduleOptions {
  instanceId: string;
  region: string;
  /** When the action should run (decided by the caller). */
  atMs: number;
  /** `terminate` (default): schedule `spawn-<id>`; `stop`: schedule `spawn-<id>-stop`. */
  action?: ScheduleAction;
  roleArn: string;
  now: number;
  /** Shown in the console next to the schedule. */
  description?: string;
  /** Waits between retries while a fresh role propagates; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries while IAM has not propagated a new role to Scheduler (default 6, 5 s apart). */
  roleRetries?: number;
  /** The schedule group is known to exist (made or seen earlier in this launch): not looked up again. */
  groupReady?: boolean;
  /** Called before each write; throws to stop (a launch whose sibling step failed creates nothing more). */
  beforeWrite?: () => void;
}

// Scheduler invokes with one-minute precision; a time already past would be rejected.
const MIN_LEAD_MS = 60_000;
// A role created seconds ago is not yet assumable; Scheduler says so in a ValidationException.
const ROLE_NOT_READY = /role|assume/i;

/** The universal target that calls EC2 TerminateInstances (or StopInstances) for one instance. */
export function terminationTarget(o: {
  instanceId: string;
  region: string;
  roleArn: string;
  action?: ScheduleAction;
}) {
  const api = o.action === 'stop' ? 'stopInstances' : 'terminateInstances';
  return {
    Arn: `arn:${partitionOf(o.region)}:scheduler:::aws-sdk:ec2:${api}`,
    RoleArn: o.roleArn,
    Input: JSON.stringify({ InstanceIds: [o.instanceId] }),
    // Keep retrying through a day of EC2 trouble: this is the last line of defence.
    RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
  };
}

/** The full schedule definition (UpdateSchedule replaces every field, so both calls use this). */
export function terminationScheduleInput(o: PutScheduleOptions): CreateScheduleCommandInput {
  return {
    Name: scheduleName(o.instanceId, o.action),
    GroupName: SCHEDULE_GROUP,
    ScheduleExpression: atExpression(Math.max(o.atMs, o.now + MIN_LEAD_MS)),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    State: 'ENABLED',
    Description: (
      o.description ?? `spawn: ${o.action ?? 'terminate'} ${o.instanceId} if nothing else has`
    ).slice(0, 512),
    Target: terminationTarget(o),
  };
}

/**
 * Whether spawn's schedule group exists in the client's region (read-only). `_region` is unused:
 * the client's middleware names its region in errors (kept so callers need not change).
 */
export async function scheduleGroupExists(scheduler: SchedulerClient, _region: string): Promise<boolean> {
  return scheduler.send(new GetScheduleGroupCommand({ Name: SCHEDULE_GROUP })).then(
    () => true,
    (error: unknown) => {
      if (isAwsError(error, 'ResourceNotFound')) return false;
      throw error;
    },
  );
}

/**
 * Creates spawn's schedule group in the client's region unless it exists (`seen`: a lookup of this
 * launch already answered that). Looked up first:
 * moto (unlike AWS) answers a second CreateScheduleGroup by replacing the group and its schedules.
 */
export async function ensureScheduleGroup(
  scheduler: SchedulerClient,
  region: string,
  o: { seen?: boolean; beforeWrite?: () => void } = {},
): Promise<void> {
  const found = o.seen ?? (await scheduleGroupExists(scheduler, region));
  if (found) return;
  o.beforeWrite?.();
  await scheduler
    .send(
      new CreateScheduleGroupCommand({ Name: SCHEDULE_GROUP, Tags: [{ Key: TAG.managed, Value: 'true' }] }),
    )
    .catch((error: unknown) => {
      // Another launch created it meanwhile.
      if (!isAwsError(error, 'Conflict')) throw error;
    });
}

/**
 * Creates or moves the one-time schedule that terminates (or stops) `instanceId` at `atMs` (create-or-update,
 * so a retried command or a second launch step never fails on its own earlier schedule).
 */
export async function putTerminationSchedule(
  scheduler: SchedulerClient,
  o: PutScheduleOptions,
): Promise<TerminationSchedule> {
  const input = terminationScheduleInput(o);
  if (!o.groupReady) await ensureScheduleGroup(scheduler, o.region, { beforeWrite: o.beforeWrite });
  const upsert = () => {
    o.beforeWrite?.();
    return scheduler.send(new CreateScheduleCommand(input)).catch((error: unknown) => {
      if (!isAwsError(error, 'Conflict')) throw error;
      return scheduler.send(new UpdateScheduleCommand(input));
    });
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await upsert();
      break;
    } catch (error) {
      const retry =
        attempt < (o.roleRetries ?? 6) &&
        isAwsError(error, 'Validation') &&
        ROLE_NOT_READY.test((error as Error).message);
      if (!retry) throw error;
      await (o.sleep ?? defaultSleep)(5000);
    }
  }
  return {
    name: input.Name ?? '',
    instanceId: o.instanceId,
    action: o.action ?? 'terminate',
    at: isoOf(parseAtExpression(input.ScheduleExpression)),
    state: 'ENABLED',
    roleArn: o.roleArn,
  };
}

/** The instance's terminate (or stop) schedule, or undefined when there is none (never made, fired, or deleted). */
export async function getTerminationSchedule(
  scheduler: SchedulerClient,
  instanceId: string,
  _region: string,
  action: ScheduleAction = 'terminate',
): Promise<TerminationSchedule | undefined> {
  const out = await scheduler
    .send(new GetScheduleCommand({ Name: scheduleName(instanceId, action), GroupName: SCHEDULE_GROUP }))
    .catch((error: unknown) => {
      if (isAwsError(error, 'ResourceNotFound')) return undefined;
      throw error;
    });
  if (!out) return undefined;
  return {
    name: out.Name ?? scheduleName(instanceId, action),
    instanceId,
    action,
    at: isoOf(parseAtExpression(out.ScheduleExpression)),
    state: out.State ?? 'ENABLED',
    roleArn: out.Target?.RoleArn,
  };
}

/**
 * Deletes every schedule of the instance (terminate and stop): what terminate, rollback and
 * cleanup want. False when there was none.
 */
export async function deleteTerminationSchedule(
  scheduler: SchedulerClient,
  instanceId: string,
  region: string,
): Promise<boolean> {
  const stop = await deleteInstanceSchedule(scheduler, instanceId, region, 'stop');
  const terminate = await deleteInstanceSchedule(scheduler, instanceId, region, 'terminate');
  return stop || terminate;
}

/** Deletes one schedule of the instance; false when there was none. */
export async function deleteInstanceSchedule(
  scheduler: SchedulerClient,
  instanceId: string,
  _region: string,
  action: ScheduleAction,
): Promise<boolean> {
  return scheduler
    .send(new DeleteScheduleCommand({ Name: scheduleName(instanceId, action), GroupName: SCHEDULE_GROUP }))
    .then(
      () => true,
      (error: unknown) => {
        if (isAwsError(error, 'ResourceNotFound')) return false;
        throw error;
      },
    );
}

function isoOf(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
