import { END_ACTIONS, type EndAction } from '../tags.ts';
import type { AgentStatus } from './agent-status.ts';

/** AWS tag values are limited to 256 Unicode characters. */
export const TAG_VALUE_MAX = 256;

const STATES = ['active', 'idle', 'warning', 'acting'] as const;

/** Seconds precision is plenty and saves four characters per time. */
function compactTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

function escapeReason(text: string): string {
  return text.replace(/[%;=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Encodes a status as `v1;s=idle;i=<since>;a=stop;t=<at>;o=<os timer|none>;u=<updated>;r=<reason>`, at most 256
 * characters: the reason is truncated, never the machine-readable fields.
 */
export function encodeStatusTag(s: AgentStatus): string {
  const parts = ['v1', `s=${s.state}`];
  if (s.idleSince) parts.push(`i=${compactTime(s.idleSince)}`);
  if (s.nextAction) parts.push(`a=${s.nextAction}`);
  if (s.nextActionAt) parts.push(`t=${compactTime(s.nextActionAt)}`);
  if (s.osTimerAt !== undefined) parts.push(`o=${s.osTimerAt === null ? 'none' : compactTime(s.osTimerAt)}`);
  parts.push(`u=${compactTime(s.updatedAt)}`);
  const head = parts.join(';');
  if (!s.reason) return head;
  let reason = escapeReason(s.reason);
  const room = TAG_VALUE_MAX - head.length - 3;
  if (reason.length > room) reason = reason.slice(0, Math.max(0, room)).replace(/%[0-9A-F]?$/, '');
  return `${head};r=${reason}`;
}

function isIsoTime(text: string | undefined): text is string {
  return text !== undefined && !Number.isNaN(Date.parse(text));
}

/** Decodes a `spawn:status` value; anything unrecognised gives `undefined`, never a throw. */
export function decodeStatusTag(value: string): AgentStatus | undefined {
  const [version, ...fields] = value.split(';');
  if (version !== 'v1') return undefined;
  const map = new Map<string, string>();
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq > 0) map.set(field.slice(0, eq), field.slice(eq + 1));
  }
  const state = map.get('s');
  const updatedAt = map.get('u');
  if (!STATES.includes(state as AgentStatus['state']) || !isIsoTime(updatedAt)) return undefined;
  const status: AgentStatus = { state: state as AgentStatus['state'], updatedAt };
  const idleSince = map.get('i');
  if (isIsoTime(idleSince)) status.idleSince = idleSince;
  const action = map.get('a');
  if (END_ACTIONS.includes(action as EndAction)) status.nextAction = action as EndAction;
  const at = map.get('t');
  if (isIsoTime(at)) status.nextActionAt = at;
  const osTimer = map.get('o');
  if (osTimer === 'none') status.osTimerAt = null;
  else if (isIsoTime(osTimer)) status.osTimerAt = osTimer;
  const reason = map.get('r');
  if (reason !== undefined) {
    try {
      status.reason = decodeURIComponent(reason);
    } catch {
      status.reason = reason;
    }
  }
  return status;
}
