import { formatDuration, parseDuration } from '../duration.ts';
import { TAG } from '../tags.ts';
import type { TagChanges } from './tag-changes.ts';

/** ISO time without milliseconds, the form spawn and spawnd write into `spawn:expires-at`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch ms of `spawn:expires-at`, or undefined when there is no TTL or the value is unreadable. */
export function expiresAtMs(tags: Readonly<Record<string, string>>): number | undefined {
  const raw = tags[TAG.expiresAt];
  if (raw === undefined || raw.trim() === '') return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The TTL `spawn stop` paused in `spawn:ttl-remaining`, in ms (0 when it had run out). */
export function pausedTtlMs(tags: Readonly<Record<string, string>>): number | undefined {
  const raw = tags[TAG.ttlRemaining]?.trim();
  if (!raw) return undefined;
  if (/^0+[dhms]?$/.test(raw)) return 0;
  try {
    return parseDuration(raw);
  } catch {
    return undefined;
  }
}

/** Formats a remaining TTL for the tag; `0s` when it has already run out. */
export function formatRemaining(ms: number): string {
  return ms <= 0 ? '0s' : formatDuration(ms);
}

/**
 * On stop: the time left moves into `spawn:ttl-remaining` and `spawn:expires-at` is removed, so
 * stopped time does not count against the TTL and no one reads a stale deadline. An instance
 * without a TTL has nothing to pause.
 */
export function stopTagChanges(tags: Readonly<Record<string, string>>, now: number): TagChanges {
  const expires = expiresAtMs(tags);
  if (expires === undefined) return { set: {}, remove: [] };
  return { set: { [TAG.ttlRemaining]: formatRemaining(expires - now) }, remove: [TAG.expiresAt] };
}

/** On start: `spawn:expires-at = now + remaining`, and the paused value is removed. */
export function startTagChanges(tags: Readonly<Record<string, string>>, now: number): TagChanges {
  const paused = pausedTtlMs(tags);
  if (paused === undefined) return { set: {}, remove: [] };
  return { set: { [TAG.expiresAt]: isoSeconds(now + paused) }, remove: [TAG.ttlRemaining] };
}
