import { formatDuration } from '../duration.ts';
import { TAG } from '../tags.ts';
import type { LaunchSpec, UserTag } from './types.ts';

export interface Tag {
  Key: string;
  Value: string;
}

export interface InstanceTagInput {
  spec: LaunchSpec;
  now: Date;
  /** Who launched it: the caller ARN from STS. */
  createdBy: string;
  version: string;
  keyName?: string;
  /** `spawn:launch-id`: the launch that made it (cleanup finds a crashed launch's leftovers by it). */
  launchId?: string;
}

/** The most tags buildInstanceTags writes itself (what is left of EC2's 50 is for `--tag`). */
export const MAX_SPAWN_INSTANCE_TAGS = 14;

/**
 * Tags on the instance and its volumes: they are spawn's only state. `spawn:expires-at` is an
 * absolute UTC time so a restarted agent never restarts the TTL.
 */
export function buildInstanceTags(o: InstanceTagInput): Tag[] {
  const { spec } = o;
  const tags: Record<string, string | undefined> = {
    [TAG.managed]: 'true',
    [TAG.ttl]: spec.ttlMs === undefined ? 'none' : formatDuration(spec.ttlMs),
    [TAG.expiresAt]:
      spec.ttlMs === undefined ? undefined : new Date(o.now.getTime() + spec.ttlMs).toISOString(),
    [TAG.idleTimeout]: formatDuration(spec.idleTimeoutMs),
    [TAG.onIdle]: spec.onIdle,
    [TAG.onExpire]: spec.onExpire,
    [TAG.createdBy]: o.createdBy,
    [TAG.version]: o.version,
    [TAG.user]: spec.user,
    [TAG.keyName]: o.keyName,
    [TAG.name]: spec.name,
    [TAG.launchId]: o.launchId,
    [TAG.maxStopped]: spec.maxStoppedMs === undefined ? undefined : formatDuration(spec.maxStoppedMs),
    [TAG.cloudBackstop]: spec.cloudBackstop === false ? 'off' : undefined,
    // spawn run: the state and what ends it; never the command (it is in user-data only).
    [TAG.job]: spec.job ? 'queued' : undefined,
    [TAG.onComplete]: spec.job?.onComplete,
    [TAG.completeDelay]: spec.job ? formatDuration(spec.job.completeDelayMs) : undefined,
    [TAG.group]: spec.job?.group,
  };
  return [...toTagList(tags), ...(spec.userTags ?? [])];
}

/**
 * Tags for a supporting resource (`spawn:resource=<kind>`), set in its create call. A resource the
 * launch owns also gets its `launchId`; a shared one (VPC, gateway, role...) gets none. `userTags`
 * (`--tag`) follow spawn's own, on every resource the launch creates.
 */
export function buildResourceTags(
  kind: string,
  name?: string,
  launchId?: string,
  userTags: readonly UserTag[] = [],
): Tag[] {
  const own = toTagList({
    [TAG.managed]: 'true',
    [TAG.resource]: kind,
    [TAG.name]: name,
    [TAG.launchId]: launchId,
  });
  return [...own, ...userTags];
}

function toTagList(tags: Record<string, string | undefined>): Tag[] {
  return Object.entries(tags).flatMap(([Key, Value]) => (Value === undefined ? [] : [{ Key, Value }]));
}
