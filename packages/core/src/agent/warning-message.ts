import { formatDuration } from '../duration.ts';
import type { EndAction } from '../tags.ts';

/** What set the deadline: the TTL, the idle timeout, or the end of a `spawn run` job. */
export type DeadlineReason = 'ttl' | 'idle' | 'job';

const VERB: Record<EndAction, string> = { stop: 'STOPPED', hibernate: 'HIBERNATED', terminate: 'TERMINATED' };

/** The text of a warning: what will happen, when, why, and how to postpone it. */
export function formatWarning(o: {
  action: EndAction;
  at: number;
  now: number;
  reason: DeadlineReason;
  /** The instance's Name tag (or id), so the laptop command can be pasted as is. */
  name?: string;
}): string {
  const when = new Date(o.at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const left = formatDuration(Math.max(0, o.at - o.now));
  const head = `spawnd: this instance will be ${VERB[o.action]} at ${when} (in ${left})`;
  if (o.reason === 'ttl') {
    return `${head} because its time to live ends.\nTo postpone it run \`spawnd extend 2h\` here, or \`spawn extend ${o.name || '<instance>'} 2h\` from your laptop.`;
  }
  if (o.reason === 'job') {
    return `${head} because its job has ended (spawn run --on-complete).\nTo keep it, set its tag spawn:on-complete to keep before then.`;
  }
  return `${head} because it has been idle.\nAny activity postpones it: a login or SSH session, CPU, network or GPU use.`;
}
