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
import type { LaunchSpec } from '../types.ts';

/** Whether this launch's backstop stops the instance before terminating it (its end keeps the disk). */
export function specStopsFirst(spec: Pick<LaunchSpec, 'onExpire' | 'onIdle' | 'idleTimeoutMs'>): boolean {
  return backstopStopsFirst({
    onExpire: spec.onExpire,
    onIdle: spec.onIdle,
    idleTimeout: spec.idleTimeoutMs > 0,
  });
}

/**
 * After RunInstances: the cloud backstop, an EventBridge Scheduler schedule that terminates the
 * instance at its deadline plus a grace even if spawnd and the OS timer never act. When its end
 * keeps the disk (on-expire or on-idle stop/hibernate), a second schedule stops it at deadline +
 * grace and the terminate one fires max-stopped later: spawnd cannot move schedules, so a
 * terminate at the deadline would destroy an idle-stopped instance's disk. It never fails
 * the launch: without permission (or a Scheduler client) the launch goes on and the state says
 * `absent`, with the reason, for the plan and the `launched` record.
 */
export async function armCloudBackstop(ctx: StepContext): Promise<string> {
  const { spec, state, environment: env } = ctx;
  if (spec.ttlMs === undefined) return disabled(ctx, 'no TTL, so no deadline to enforce');
  if (spec.cloudBackstop === false) return disabled(ctx, 'turned off with --no-cloud-backstop');
  const maxStopped = spec.maxStoppedMs ?? DEFAULT_MAX_STOPPED_MS;
  const times = backstopTimes({
    deadlineMs: env.now().getTime() + spec.ttlMs,
    stopsFirst: specStopsFirst(spec),
    maxStoppedMs: maxStopped,
  });
  const grace = formatDuration(BACKSTOP_GRACE_MS);
  if (env.dryRun) {
    state.notes.push(
      times.stopAtMs === undefined
        ? `would create EventBridge Scheduler schedule ${scheduleName('<instance id>')} (group spawn, role ${SCHEDULER_ROLE_NAME}) terminating it ${grace} after its deadline`
        : `would create EventBridge Scheduler schedules ${scheduleName('<instance id>', 'stop')} stopping it ${grace} after its deadline and ${scheduleName('<instance id>')} terminating it ${formatDuration(maxStopped)} later (group spawn, role ${SCHEDULER_ROLE_NAME})`,
    );
    return 'Cloud backstop (would be armed)';
  }
  const scheduler = ctx.clients.scheduler;
  const instanceId = state.instanceId;
  if (!scheduler || !instanceId) return absent(ctx, 'no EventBridge Scheduler client');
  try {
    const { roleArn } = await ensureSchedulerRole(ctx.clients.iam, {
      accountId: state.accountId ?? (await accountIdFromArn(state.callerArn)),
      partition: partitionOf(spec.region),
      region: spec.region,
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
    state.cloudBackstop = 'armed';
    state.cloudBackstopAt = put.at;
    state.cloudBackstopStopAt = stop?.at;
    return stop
      ? `Cloud backstop armed: EventBridge Scheduler stops it at ${stop.at} and terminates it at ${put.at} if nothing else has`
      : `Cloud backstop armed: EventBridge Scheduler terminates it at ${put.at} if nothing else has`;
  } catch (error) {
    return absent(ctx, error instanceof Error ? error.message : String(error));
  }
}

function disabled(ctx: StepContext, reason: string): string {
  ctx.state.cloudBackstop = 'disabled';
  ctx.state.cloudBackstopReason = reason;
  return `Cloud backstop off (${reason})`;
}

function absent(ctx: StepContext, reason: string): string {
  ctx.state.cloudBackstop = 'absent';
  ctx.state.cloudBackstopReason = reason;
  ctx.state.warnings.push(
    `No cloud backstop: the schedule that would terminate this instance in the cloud could not be created (${reason}). ` +
      'Only spawnd and the OS timer will end it; check `spawn status` and see the README for the scheduler:* and iam:PassRole permissions.',
  );
  return 'Cloud backstop NOT armed (see the warning)';
}

async function accountIdFromArn(arn: string | undefined): Promise<string> {
  const id = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1];
  if (!id) throw new Error('the account id is unknown (the credentials lookup did not run)');
  return id;
}

/**
 * Lookup (read-only, before the plan): can this caller see spawn's schedule group and the
 * scheduler role? A denial means the schedule cannot be made, and the plan says so before the
 * user confirms; the launch goes on either way (arming re-checks by trying).
 */
export async function checkCloudBackstop(ctx: StepContext): Promise<string> {
  const { spec, state } = ctx;
  if (spec.ttlMs === undefined || spec.cloudBackstop === false) return 'Cloud backstop: not wanted';
  const scheduler = ctx.clients.scheduler;
  if (!scheduler) {
    absentInPlan(ctx, 'no EventBridge Scheduler client');
    return 'Cloud backstop: unavailable';
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
    absentInPlan(ctx, reason);
    return 'Cloud backstop: NOT available (permission denied)';
  }
  state.cloudBackstop = undefined;
  return 'Cloud backstop: permissions look fine';
}

function absentInPlan(ctx: StepContext, reason: string): void {
  ctx.state.cloudBackstop = 'absent';
  ctx.state.cloudBackstopReason = reason;
}

const isDenied = (error: unknown) =>
  isUserError(error) &&
  (error.code === 'UNAUTHORIZED_OPERATION' || /AccessDenied/.test(String(error.details?.awsErrorName)));
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
