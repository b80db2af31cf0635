import { formatDuration } from '../../duration.ts';
import { isUserError, UserError } from '../../errors/user-error.ts';
import { backstopStopsFirst, backstopTimes } from '../../scheduler/backstop.ts';
import { ensureSchedulerRole, lookUpSchedulerRole } from '../../scheduler/ensure-scheduler-role.ts';
import {
  BACKSTOP_GRACE_MS,
  DEFAULT_MAX_STOPPED_MS,
  partitionOf,
  SCHEDULE_GROUP,
  SCHEDULER_ROLE_NAME,
  scheduleName,
} from '../../scheduler/names.ts';
import {
  deleteTerminationSchedule,
  ensureScheduleGroup,
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
 * What the preparation made ready for the schedules: the scheduler role (and the schedule group),
 * or the outcome the launch reports without sending anything after RunInstances.
 */
export type BackstopReady =
  | { readonly kind: 'ready'; readonly roleArn: string }
  | { readonly kind: 'settled'; readonly outcome: Done<BackstopOutcome> };

/**
 * Before RunInstances, alongside the key, network and spawnd role: the account's scheduler role
 * and the region's schedule group, both shared (never rolled back) and independent of the instance,
 * so only the schedules themselves wait for its id. Uses what the lookup read (`seen`), so a
 * steady-state launch sends nothing here. Never fails the launch: a failure becomes the `absent`
 * outcome. Creates nothing once a sibling step failed or Ctrl-C was pressed.
 */
export async function prepareBackstop(
  ctx: StepContext,
  o: { accountId: string; plan?: BackstopPlan },
): Promise<Done<BackstopReady>> {
  const { spec } = ctx;
  const settled = (outcome: Done<BackstopOutcome>) => ({
    line: outcome.line,
    value: { kind: 'settled', outcome } as const,
  });
  if (spec.ttlMs === undefined) return settled(disabled('no TTL, so no deadline to enforce'));
  if (spec.cloudBackstop === false) return settled(disabled('turned off with --no-cloud-backstop'));
  const scheduler = ctx.clients.scheduler;
  if (!scheduler) return settled(absent('no EventBridge Scheduler client'));
  if (ctx.environment.dryRun) {
    return {
      line: 'Cloud backstop role and schedule group (checked by the plan)',
      value: notArmed('dry run'),
    };
  }
  const seen = o.plan?.kind === 'available' ? o.plan.seen : undefined;
  const beforeWrite = () => stopIfCancelled(ctx);
  const [role, group] = await Promise.allSettled([
    ensureSchedulerRole(ctx.clients.iam, {
      accountId: o.accountId,
      partition: partitionOf(spec.region),
      region: spec.region,
      userTags: spec.userTags,
      seen: seen?.role,
      beforeWrite,
    }),
    ensureScheduleGroup(scheduler, spec.region, { seen: seen?.groupExists, beforeWrite }),
  ]);
  const failed = [role, group].find((r) => r.status === 'rejected');
  if (failed) return settled(absent(describe(failed.reason)));
  if (role.status !== 'fulfilled') throw new Error('unreachable: the role settled without a value');
  return {
    line: `Cloud backstop role ${SCHEDULER_ROLE_NAME} (${role.value.outcome}) and schedule group ${SCHEDULE_GROUP}`,
    value: { kind: 'ready', roleArn: role.value.roleArn },
  };
}

const notArmed = (reason: string): BackstopReady => ({
  kind: 'settled',
  outcome: absent(reason),
});

/** Throws CANCELLED when a sibling step failed or Ctrl-C was pressed: nothing more is created. */
function stopIfCancelled(ctx: StepContext): void {
  if (ctx.signal?.aborted || ctx.cancelled?.aborted)
    throw new UserError('CANCELLED', 'Not created: another launch step failed or the launch was cancelled.');
}

/**
 * After RunInstances: the cloud backstop, an EventBridge Scheduler schedule that terminates the
 * instance at its deadline plus a grace even if spawnd and the OS timer never act. When its end
 * keeps the disk (on-expire or on-idle stop/hibernate), a second schedule stops it at deadline +
 * grace and the terminate one fires max-stopped later: spawnd cannot move schedules, so a
 * terminate at the deadline would destroy an idle-stopped instance's disk. Both are sent at once
 * (each needs only the role and the instance id). It never fails the launch: without permission
 * (or a Scheduler client) the launch goes on and the outcome is `absent`, with the reason, for the
 * report and the `launched` record. `ready`: what {@link prepareBackstop} made (prepared here when
 * not given).
 */
export async function armBackstop(
  ctx: StepContext,
  target: BackstopTarget,
  ready?: BackstopReady,
): Promise<Done<BackstopOutcome>> {
  const { spec, instanceId } = target;
  const prepared = ready ?? (await prepareBackstop(ctx, { accountId: target.accountId })).value;
  if (prepared.kind === 'settled') return prepared.outcome;
  const env = ctx.environment;
  const maxStopped = spec.maxStoppedMs ?? DEFAULT_MAX_STOPPED_MS;
  const times = backstopTimes({
    deadlineMs: env.now().getTime() + (spec.ttlMs ?? 0),
    stopsFirst: specStopsFirst(spec),
    maxStoppedMs: maxStopped,
  });
  const grace = formatDuration(BACKSTOP_GRACE_MS);
  const scheduler = ctx.clients.scheduler;
  if (!scheduler) return absent('no EventBridge Scheduler client');
  const label = `${spec.name} (${instanceId})`;
  const common = {
    instanceId,
    region: spec.region,
    roleArn: prepared.roleArn,
    now: env.now().getTime(),
    sleep: env.sleep,
    groupReady: true,
    beforeWrite: () => stopIfCancelled(ctx),
  };
  // Journalled before they are sent: a call that Ctrl-C (or a failed wait) cuts off may still have
  // made its schedule, so a rollback that terminates the instance deletes both names (none is fine).
  ctx.created.add({
    kind: 'cloud schedule',
    id: scheduleName(instanceId),
    remove: async () => {
      await deleteTerminationSchedule(scheduler, instanceId, spec.region);
    },
  });
  const [put, stop] = await Promise.allSettled([
    putTerminationSchedule(scheduler, {
      ...common,
      atMs: times.atMs,
      description:
        times.stopAtMs === undefined
          ? `spawn: terminate ${label} ${grace} after its deadline`
          : `spawn: terminate ${label} if still stopped ${formatDuration(maxStopped)} after its stop schedule`,
    }),
    times.stopAtMs === undefined
      ? undefined
      : putTerminationSchedule(scheduler, {
          ...common,
          atMs: times.stopAtMs,
          action: 'stop',
          description: `spawn: stop ${label} ${grace} after its deadline`,
        }),
  ]);
  if (put.status === 'rejected') return absent(describe(put.reason));
  if (stop.status === 'rejected') return absent(describe(stop.reason));
  const value = { kind: 'armed', at: put.value.at, stopAt: stop.value?.at } as const;
  return stop.value
    ? {
        line: `Cloud backstop armed: EventBridge Scheduler stops it at ${stop.value.at} and terminates it at ${put.value.at} if nothing else has`,
        value,
      }
    : {
        line: `Cloud backstop armed: EventBridge Scheduler terminates it at ${put.value.at} if nothing else has`,
        value,
      };
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
  // One round: the group, the role and its policy at once (what the launch would otherwise re-read).
  const [group, role] = await Promise.allSettled([
    scheduleGroupExists(scheduler, spec.region),
    lookUpSchedulerRole(ctx.clients.iam),
  ]);
  const denied = [group, role].flatMap((r) =>
    r.status === 'rejected' && isDenied(r.reason) ? [describe(r.reason)] : [],
  );
  const reason = denied[0];
  if (reason) {
    return { line: 'Cloud backstop: NOT available (permission denied)', value: { kind: 'absent', reason } };
  }
  // Another failure (throttling, a network hiccup): the launch reads again when it prepares.
  const seen =
    group.status === 'fulfilled' && role.status === 'fulfilled'
      ? { groupExists: group.value, role: role.value }
      : undefined;
  return { line: 'Cloud backstop: permissions look fine', value: { kind: 'available', seen } };
}

const isDenied = (error: unknown) =>
  isUserError(error) &&
  (error.code === 'UNAUTHORIZED_OPERATION' || /AccessDenied/.test(String(error.details?.awsErrorName)));
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
