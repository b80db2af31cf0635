import { TAG } from '../tags.ts';
import { parseIsoWithZone } from './agent-config.ts';
import { describeOwnTags, setOwnTag } from './instance-ec2.ts';
import type { AgentEc2Client } from './lean-ec2/lean-ec2-client.ts';

/** New `spawn:expires-at`: `byMs` after the current expiry, or after now when it is past or unreadable. */
export function extendedExpiry(current: string | undefined, now: number, byMs: number): string {
  const parsed = current === undefined ? Number.NaN : parseIsoWithZone(current);
  const base = Number.isNaN(parsed) ? now : Math.max(now, parsed);
  return new Date(base + byMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Moves the instance's own `spawn:expires-at` and returns the new value. */
export async function extendOwnExpiry(
  ec2: AgentEc2Client,
  instanceId: string,
  byMs: number,
  now: number,
): Promise<string> {
  const tags = await describeOwnTags(ec2, instanceId);
  const next = extendedExpiry(tags[TAG.expiresAt], now, byMs);
  await setOwnTag(ec2, instanceId, TAG.expiresAt, next);
  return next;
}
