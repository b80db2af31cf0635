import { formatDuration } from '../../duration.ts';
import { isUserError } from '../../errors/user-error.ts';
import { backstopStopsFirst, backstopTimes } from '../../scheduler/backstop.ts';
import { ensureSchedulerRole, findSchedulerRole } from '../../scheduler/ensure-scheduler-role.ts';
import {
  BACKSTOP_GRACE_MS,
  DEFAULT_MAX_STOPPED_MS,
  partitionOf,
  SCHEDULER_ROLE_NAME,
  scheduleName,
} from '../../scheduler/names.ts';
import {
  deleteTerminationSchedule,
  putTerminationSchedule,
  scheduleGroupExists,
} from '../../scheduler/termination-schedule.ts';
import type { StepContext } from '../context.ts';
import type { BackstopOutcome } from '../launch-result.ts';
import type { BackstopPlan } from '../plan.ts';
import type { Done } from '../step.ts';
import type { LaunchSpec } from '../types.ts';

/** Whether this launch's backstop stops the instance before terminating it (its end keeps the disk). */
export function specStopsFirst(spec: Pick<LaunchSpec, 'onExpire' | 'onIdle' | 'idleTimeoutMs'>): boolean {
  return backstopStopsFirst({
    onExpire: spec.onExpire,
    onIdle: spec.onIdle,
    idleTimeout: spec.idleTimeoutMs > 0,
  });
}

/** What the backstop needs to know about the launched instance. */
export interface BackstopTarget {
  spec: LaunchSpec;
  accountId: string;
  instanceId: string;
}

/**
 * After RunInstances: the cloud backstop, an EventBridge Scheduler schedule that terminates the
 * instance at its deadline plus a grace even if spawnd and the OS timer never act. When its end
 * keeps the disk (on-expire or on-idle stop/hibernate), a second schedule stops it at deadline +
 * grace and the terminate one fires max-stopped later: spawnd cannot move schedules, so a
 * terminate at the deadline would destroy an idle-stopped instance's disk. It never fails
 * the launch: without permission (or a Scheduler client) the launch goes on and the outcome is
 * `absent`, with the reason, for the report and the `launched` record.
 */
export async function armBackstop(ctx: StepContext, target: BackstopTarget): Promise<Done<BackstopOutcome>> {
  const { spec, instanceId } = target;
  const env = ctx.environment;
  if (spec.ttlMs === undefined) return disabled('no TTL, so no deadline to enforce');
  if (spec.cloudBackstop === false) return disabled('turned off with --no-cloud-backstop');
  const maxStopped = spec.maxStoppedMs ?? DEFAULT_MAX_STOPPED_MS;
  const times = backstopTimes({
    deadlineMs: env.now().getTime() + spec.ttlMs,
    stopsFirst: specStopsFirst(spec),
    maxStoppedMs: maxStopped,
  });
  const grace = formatDuration(BACKSTOP_GRACE_MS);
  const scheduler = ctx.clients.scheduler;
  if (!scheduler) return absent('no EventBridge Scheduler client');
  try {
    const { roleArn } = await ensureSchedulerRole(ctx.clients.iam, {
      accountId: target.accountId,
      partition: partitionOf(spec.region),
      region: spec.region,
      userTags: spec.userTags,
    });
    const label = `${spec.name} (${instanceId})`;
    const put = await putTerminationSchedule(scheduler, {
      instanceId,
      region: spec.region,
      atMs: times.atMs,
      roleArn,
      now: env.now().getTime(),
      description:
        times.stopAtMs === undefined
          ? `spawn: terminate ${label} ${grace} after its deadline`
          : `spawn: terminate ${label} if still stopped ${formatDuration(maxStopped)} after its stop schedule`,
      sleep: env.sleep,
    });
    // Its own resource: a rollback that terminates the instance deletes it (and the stop one) too.
    ctx.created.add({
      kind: 'cloud schedule',
      id: put.name,
      remove: async () => {
        await deleteTerminationSchedule(scheduler, instanceId, spec.region);
      },
    });
    const stop =
      times.stopAtMs === undefined
        ? undefined
        : await putTerminationSchedule(scheduler, {
            instanceId,
            region: spec.region,
            atMs: times.stopAtMs,
            roleArn,
            now: env.now().getTime(),
            action: 'stop',
            description: `spawn: stop ${label} ${grace} after its deadline`,
            sleep: env.sleep,
          });
    const value = { kind: 'armed', at: put.at, stopAt: stop?.at } as const;
    return stop
      ? {
          line: `Cloud backstop armed: EventBridge Scheduler stops it at ${stop.at} and terminates it at ${put.at} if nothing else has`,
          value,
        }
      : {
          line: `Cloud backstop armed: EventBridge Scheduler terminates it at ${put.at} if nothing else has`,
          value,
        };
  } catch (error) {
    return absent(error instanceof Error ? error.message : String(error));
  }
}

/** Dry run: what the backstop would create (a note; nothing is sent). */
export async function noteBackstop(ctx: StepContext, spec: LaunchSpec): Promise<Done<undefined>> {
  if (spec.ttlMs === undefined)
    return { line: disabled('no TTL, so no deadline to enforce').line, value: undefined };
  if (spec.cloudBackstop === false)
    return { line: disabled('turned off with --no-cloud-backstop').line, value: undefined };
  const maxStopped = spec.maxStoppedMs ?? DEFAULT_MAX_STOPPED_MS;
  const grace = formatDuration(BACKSTOP_GRACE_MS);
  ctx.notes.push(
    specStopsFirst(spec)
      ? `would create EventBridge Scheduler schedules ${scheduleName('<instance id>', 'stop')} stopping it ${grace} after its deadline and ${scheduleName('<instance id>')} terminating it ${formatDuration(maxStopped)} later (group spawn, role ${SCHEDULER_ROLE_NAME})`
      : `would create EventBridge Scheduler schedule ${scheduleName('<instance id>')} (group spawn, role ${SCHEDULER_ROLE_NAME}) terminating it ${grace} after its deadline`,
  );
  return { line: 'Cloud backstop (would be armed)', value: undefined };
}

function disabled(reason: string): Done<BackstopOutcome> {
  return { line: `Cloud backstop off (${reason})`, value: { kind: 'disabled', reason } };
}

function absent(reason: string): Done<BackstopOutcome> {
  return { line: 'Cloud backstop NOT armed (see the warning)', value: { kind: 'absent', reason } };
}

/**
 * Lookup (read-only, before the plan): can this caller see spawn's schedule group and the
 * scheduler role? A denial means the schedule cannot be made, and the plan says so before the
 * user confirms; the launch goes on either way (arming re-checks by trying).
 */
export async function checkCloudBackstop(ctx: StepContext): Promise<Done<BackstopPlan>> {
  const { spec } = ctx;
  if (spec.ttlMs === undefined || spec.cloudBackstop === false)
    return { line: 'Cloud backstop: not wanted', value: { kind: 'not-wanted' } };
  const scheduler = ctx.clients.scheduler;
  if (!scheduler) {
    return {
      line: 'Cloud backstop: unavailable',
      value: { kind: 'absent', reason: 'no EventBridge Scheduler client' },
    };
  }
  const denied = await Promise.all([
    scheduleGroupExists(scheduler, spec.region).then(
      () => undefined,
      (error: unknown) => (isDenied(error) ? describe(error) : undefined),
    ),
    findSchedulerRole(ctx.clients.iam, spec.region).then(
      () => undefined,
      (error: unknown) => (isDenied(error) ? describe(error) : undefined),
    ),
  ]);
  const reason = denied.find((d) => d !== undefined);
  if (reason) {
    return { line: 'Cloud backstop: NOT available (permission denied)', value: { kind: 'absent', reason } };
  }
  return { line: 'Cloud backstop: permissions look fine', value: { kind: 'available' } };
}

const isDenied = (error: unknown) =>
  isUserError(error) &&
  (error.code === 'UNAUTHORIZED_OPERATION' || /AccessDenied/.test(String(error.details?.awsErrorName)));
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
