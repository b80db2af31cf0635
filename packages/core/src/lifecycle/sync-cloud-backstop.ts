import { parseDuration } from '../duration.ts';
import {
  type BackstopClients,
  type BackstopOutcome,
  backstopStopsFirst,
  backstopTimes,
  pointTerminationSchedule,
} from '../scheduler/backstop.ts';
import { BACKSTOP_GRACE_MS, DEFAULT_MAX_STOPPED_MS } from '../scheduler/names.ts';
import { deleteTerminationSchedule } from '../scheduler/termination-schedule.ts';
import { TAG } from '../tags.ts';
import type { ManagedInstance } from './managed-instance.ts';
import { expiresAtMs } from './ttl.ts';

export { DEFAULT_MAX_STOPPED_MS };

/** `spawn:max-stopped` in ms; the 7-day default when absent or unreadable. */
export function maxStoppedMs(tags: Readonly<Record<string, string>>): number {
  try {
    return tags[TAG.maxStopped] ? parseDuration(tags[TAG.maxStopped] ?? '') : DEFAULT_MAX_STOPPED_MS;
  } catch {
    return DEFAULT_MAX_STOPPED_MS;
  }
}

/** Whether the instance's backstop stops it before terminating it (on-expire, or on-idle with an idle timeout, is stop/hibernate). */
export function stopsFirst(tags: Readonly<Record<string, string>>): boolean {
  const idle = tags[TAG.idleTimeout];
  return backstopStopsFirst({
    onExpire: tags[TAG.onExpire],
    // spawnd's default when the tag is missing is stop on idle after 1h.
    onIdle: tags[TAG.onIdle] ?? 'stop',
    idleTimeout: !/^(off|none|never|0[a-z]*)$/i.test((idle ?? '1h').trim()),
  });
}

/**
 * Re-points the instance's cloud schedules after a lifecycle change, from the tags it now has:
 * running → terminate at its deadline + grace, or (on-expire/on-idle stop or hibernate) stop at
 * deadline + grace and terminate max-stopped later; no deadline: both are deleted. Stopped → the
 * stop schedule is deleted and terminate points at now + its max stopped time, so a stopped
 * instance still ends (terminated with its volumes). Never throws:
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
  const grace = `${BACKSTOP_GRACE_MS / 60_000} min after its deadline`;
  const label = `${i.name} (${i.instanceId})`;
  if (o.stopped) {
    return pointTerminationSchedule(c, {
      instanceId: i.instanceId,
      region: i.region,
      atMs: o.now + maxStoppedMs(o.tags),
      now: o.now,
      description: `spawn: terminate ${label} if it is still stopped then`,
    });
  }
  const times = backstopTimes({
    deadlineMs: expires ?? o.now,
    stopsFirst: stopsFirst(o.tags),
    maxStoppedMs: maxStoppedMs(o.tags),
  });
  return pointTerminationSchedule(c, {
    instanceId: i.instanceId,
    region: i.region,
    ...times,
    now: o.now,
    description:
      times.stopAtMs === undefined
        ? `spawn: terminate ${label} ${grace}`
        : `spawn: terminate ${label} if it is still stopped ${o.tags[TAG.maxStopped] || '7d'} after its stop schedule`,
    stopDescription: `spawn: stop ${label} ${grace}`,
  });
}
