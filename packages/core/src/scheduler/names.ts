/** The schedule group every spawn schedule lives in (one per region, created on first use). */
export const SCHEDULE_GROUP = 'spawn';

/** The account's one execution role for spawn's schedules (IAM is global). */
export const SCHEDULER_ROLE_NAME = 'spawn-scheduler';
export const SCHEDULER_POLICY_NAME = 'spawn-scheduler-terminate';

/** The schedule fires this long after the deadline: spawnd (and the OS timer) normally act first. */
export const BACKSTOP_GRACE_MS = 5 * 60_000;

/** The launch default for `spawn:max-stopped` (instances launched before the tag existed get it too). */
export const DEFAULT_MAX_STOPPED_MS = 7 * 86_400_000;

/**
 * What a schedule does to its instance: `terminate` (`spawn-<id>`, always there) or `stop`
 * (`spawn-<id>-stop`, only for an instance whose on-expire or on-idle action keeps its disk).
 */
export type ScheduleAction = 'stop' | 'terminate';

const PREFIX = 'spawn-';

const STOP_SUFFIX = '-stop';

/** `spawn-i-0abc...` (terminate) or `spawn-i-0abc...-stop`: found again by name alone. */
export function scheduleName(instanceId: string, action: ScheduleAction = 'terminate'): string {
  return `${PREFIX}${instanceId}${action === 'stop' ? STOP_SUFFIX : ''}`;
}

/** The instance and action a schedule name stands for, or undefined for a name spawn did not make. */
export function parseScheduleName(name: string): { instanceId: string; action: ScheduleAction } | undefined {
  const m = /^spawn-(i-[0-9a-f]{8,17})(-stop)?$/.exec(name);
  if (!m?.[1]) return undefined;
  return { instanceId: m[1], action: m[2] ? 'stop' : 'terminate' };
}

/** The instance id a schedule name stands for, or undefined for a name spawn did not make. */
export function instanceIdOfSchedule(name: string): string | undefined {
  return parseScheduleName(name)?.instanceId;
}

/** The ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
