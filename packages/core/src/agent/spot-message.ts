import type { SpotAction } from './imds-client.ts';

const VERB: Record<string, string> = { terminate: 'TERMINATED', stop: 'STOPPED', hibernate: 'HIBERNATED' };

/**
 * The notice for a spot interruption: AWS gives about two minutes and nothing can postpone it,
 * so the message says what, when, and to save work now.
 */
export function formatSpotWarning(spot: SpotAction, now: number): string {
  const verb = VERB[spot.action] ?? `reclaimed (${spot.action})`;
  const at = Date.parse(spot.time);
  const when = Number.isNaN(at)
    ? 'within about two minutes'
    : `at ${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')} (in ${Math.max(0, Math.round((at - now) / 1000))}s)`;
  return `spawnd: AWS is reclaiming this spot instance: it will be ${verb} ${when}.\nThis cannot be postponed: save your work now.`;
}
