/** The schedule group every spawn schedule lives in (one per region, created on first use). */
export const SCHEDULE_GROUP = 'spawn';

/** The account's one execution role for spawn's schedules (IAM is global). */
export const SCHEDULER_ROLE_NAME = 'spawn-scheduler';
export const SCHEDULER_POLICY_NAME = 'spawn-scheduler-terminate';

/** The schedule fires this long after the deadline: spawnd (and the OS timer) normally act first. */
export const BACKSTOP_GRACE_MS = 5 * 60_000;

const PREFIX = 'spawn-';

/** `spawn-i-0abc...`: one schedule per instance, found again by name alone. */
export function scheduleName(instanceId: string): string {
  return `${PREFIX}${instanceId}`;
}

/** The instance id a schedule name stands for, or undefined for a name spawn did not make. */
export function instanceIdOfSchedule(name: string): string | undefined {
  const id = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : '';
  return /^i-[0-9a-f]{8,17}$/.test(id) ? id : undefined;
}

/** The ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
