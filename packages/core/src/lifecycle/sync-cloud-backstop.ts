import { parseDuration } from '../duration.ts';
import {
  type BackstopClients,
  type BackstopOutcome,
  pointTerminationSchedule,
} from '../scheduler/backstop.ts';
import { BACKSTOP_GRACE_MS } from '../scheduler/names.ts';
import { deleteTerminationSchedule } from '../scheduler/termination-schedule.ts';
import { TAG } from '../tags.ts';
import type { ManagedInstance } from './managed-instance.ts';
import { expiresAtMs } from './ttl.ts';

/** The launch default for `spawn:max-stopped` (instances launched before the tag existed get it too). */
export const DEFAULT_MAX_STOPPED_MS = 7 * 86_400_000;

/** `spawn:max-stopped` in ms; the 7-day default when absent or unreadable. */
export function maxStoppedMs(tags: Readonly<Record<string, string>>): number {
  try {
    return tags[TAG.maxStopped] ? parseDuration(tags[TAG.maxStopped] ?? '') : DEFAULT_MAX_STOPPED_MS;
  } catch {
    return DEFAULT_MAX_STOPPED_MS;
  }
}

/**
 * Re-points the instance's cloud schedule after a lifecycle change, from the tags it now has:
 * running → its deadline + grace (no deadline: the schedule is deleted); stopped → now + its max
 * stopped time, so a stopped instance still ends (terminated with its volumes). Never throws:
 * `absent` carries the reason (e.g. no scheduler permission), and then any older schedule still
 * fires at its old time.
 */
export async function syncCloudBackstop(
  c: BackstopClients,
  i: Pick<ManagedInstance, 'instanceId' | 'region' | 'name'>,
  o: { tags: Readonly<Record<string, string>>; stopped: boolean; now: number },
): Promise<BackstopOutcome> {
  if (o.tags[TAG.cloudBackstop] === 'off')
    return { state: 'disabled', reason: 'launched with --no-cloud-backstop' };
  const expires = expiresAtMs(o.tags);
  if (!o.stopped && expires === undefined) {
    try {
      await deleteTerminationSchedule(c.scheduler, i.instanceId, i.region);
      return { state: 'disabled', reason: 'no TTL, so no deadline to enforce' };
    } catch (error) {
      return { state: 'absent', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  const atMs = o.stopped ? o.now + maxStoppedMs(o.tags) : (expires ?? o.now) + BACKSTOP_GRACE_MS;
  const why = o.stopped
    ? 'if it is still stopped then'
    : `${BACKSTOP_GRACE_MS / 60_000} min after its deadline`;
  return pointTerminationSchedule(c, {
    instanceId: i.instanceId,
    region: i.region,
    atMs,
    now: o.now,
    description: `spawn: terminate ${i.name} (${i.instanceId}) ${why}`,
  });
}
