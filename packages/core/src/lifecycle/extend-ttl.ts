import { UserError } from '../errors/user-error.ts';
import { TAG } from '../tags.ts';
import type { ManagedInstance } from './managed-instance.ts';
import type { TagChanges } from './tag-changes.ts';
import { expiresAtMs, formatRemaining, isoSeconds, pausedTtlMs } from './ttl.ts';

/** `extend <name> 2h` moves the deadline by a duration; `--to <time>` sets it. */
export type ExtendRequest = { byMs: number } | { toMs: number };

/** What `spawn extend` will write, and the resulting deadline or paused TTL for the message. */
export interface ExtendPlan {
  changes: TagChanges;
  /** New absolute deadline (running instance). */
  expiresAt?: string;
  /** New paused TTL in ms (stopped instance: it starts counting at `spawn start`). */
  pausedMs?: number;
}

/**
 * Plans an extension. A duration counts from the later of now and the current expiry, so an
 * already-expired deadline never yields a time in the past (spawnd's own extension does the same).
 * A stopped instance whose TTL is paused gets the paused amount changed instead: stopped time
 * still does not count.
 */
export function planExtend(instance: ManagedInstance, request: ExtendRequest, now: number): ExtendPlan {
  const paused = pausedTtlMs(instance.tags);
  if (paused !== undefined && expiresAtMs(instance.tags) === undefined) {
    const pausedMs = 'byMs' in request ? paused + request.byMs : request.toMs - now;
    return { changes: { set: { [TAG.ttlRemaining]: formatRemaining(pausedMs) }, remove: [] }, pausedMs };
  }
  const base = Math.max(now, expiresAtMs(instance.tags) ?? now);
  const expiresAt = isoSeconds('byMs' in request ? base + request.byMs : request.toMs);
  return { changes: { set: { [TAG.expiresAt]: expiresAt }, remove: [] }, expiresAt };
}

/** Parses `--to`: an ISO-8601 time (a date alone means midnight UTC) that must be in the future. */
export function parseTargetTime(text: string, now: number): number {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UserError('INVALID_INPUT', `Invalid time "${text}".`, {
      hint: 'Use an ISO-8601 time such as 2030-01-31T18:00:00Z (UTC) or 2030-01-31T18:00:00+02:00.',
    });
  }
  if (ms <= now) {
    throw new UserError('INVALID_INPUT', `"${text}" is not in the future.`, {
      hint: `It is now ${isoSeconds(now)}; give a later time, or a duration like \`spawn extend <name> 2h\`.`,
    });
  }
  return ms;
}
