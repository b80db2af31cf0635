import { formatDuration } from '../duration.ts';
import { BACKSTOP_GRACE_MS, DEFAULT_MAX_STOPPED_MS, SCHEDULER_ROLE_NAME } from '../scheduler/names.ts';
import type { BackstopOutcome } from './launch-result.ts';
import type { BackstopPlan } from './plan.ts';
import { specStopsFirst } from './steps/cloud-backstop.ts';
import type { LaunchSpec } from './types.ts';

/**
 * The plan's `Backstop` line: what ends the instance if spawnd cannot, and when a stopped one ends;
 * `NOT AVAILABLE` when the lookup found the caller may not use EventBridge Scheduler or the role.
 */
export function backstopPlanLine(spec: LaunchSpec, backstop?: BackstopPlan): string {
  const stopped =
    spec.market === 'on-demand' && spec.maxStoppedMs !== undefined
      ? `; if stopped longer than ${formatDuration(spec.maxStoppedMs)} it is terminated, its volumes deleted with it`
      : '';
  if (spec.cloudBackstop === false)
    return `none (--no-cloud-backstop): only spawnd and the OS timer end it${stopped ? '; nothing ends it while stopped' : ''}`;
  if (spec.ttlMs === undefined) return `no deadline to enforce (no TTL)${stopped}`;
  if (backstop?.kind === 'absent') {
    return `NOT AVAILABLE (${backstop.reason}): the launch goes on, but no cloud schedule will terminate it; only spawnd and the OS timer will`;
  }
  const grace = formatDuration(BACKSTOP_GRACE_MS);
  if (specStopsFirst(spec)) {
    // on-expire/on-idle stop keeps the disk: the cloud stops at the deadline, terminates only later.
    const max = formatDuration(spec.maxStoppedMs ?? DEFAULT_MAX_STOPPED_MS);
    return `EventBridge Scheduler stops it ${grace} after the deadline and terminates it ${max} later if nothing else has (schedules spawn-<id>-stop and spawn-<id>, role ${SCHEDULER_ROLE_NAME})${stopped}`;
  }
  return `EventBridge Scheduler terminates it ${grace} after the deadline if nothing else has (role ${SCHEDULER_ROLE_NAME})${stopped}`;
}

/** After the launch: the backstop's outcome in one line (absent is said plainly). */
export function backstopResultLine(backstop: BackstopOutcome): string {
  switch (backstop.kind) {
    case 'armed':
      if (backstop.stopAt)
        return `armed: EventBridge Scheduler stops it at ${backstop.stopAt} and terminates it at ${backstop.at} if nothing else has`;
      return `armed: EventBridge Scheduler terminates it at ${backstop.at} if nothing else has`;
    case 'absent':
      return `NOT ARMED: no cloud schedule could be created (${backstop.reason}); only spawnd and the OS timer will end it`;
    case 'disabled':
      return `off (${backstop.reason})`;
  }
}
