import { TAG } from '@truffle-spawn/core';
import {
  type AgentEc2Client,
  pauseTtlChanges,
  resumeTtlChanges,
  writeOwnTagChanges,
} from '@truffle-spawn/core/agent';
import { applyTagChangesLocally, type TagChanges } from '@truffle-spawn/core/lifecycle';
import type { Logger } from '../logger.ts';

interface Own {
  ec2: AgentEc2Client;
  instanceId: string;
}

/**
 * Resumes a TTL paused by a stop when the instance was started outside `spawn start` (console,
 * API). `pending` is the resume computed at an earlier, failed attempt: retried as it was, so the
 * deadline does not creep forward while EC2 is unreachable. Returns the tags to decide on (the
 * resumed ones even when the write failed: the TTL runs from the start, not from when EC2 answers)
 * and the changes still to write, if any.
 */
export async function resumePausedTtl(
  own: Own,
  tags: Record<string, string>,
  now: number,
  log: Logger,
  pending?: TagChanges,
): Promise<{ tags: Record<string, string>; pending?: TagChanges }> {
  const fresh = resumeTtlChanges(tags, now);
  // Resumed by someone else meanwhile (`spawn start`): theirs stands.
  if (Object.keys(fresh.set).length === 0) return { tags };
  const changes = pending ?? fresh;
  const resumed = applyTagChangesLocally(tags, changes);
  try {
    await writeOwnTagChanges(own.ec2, own.instanceId, changes);
    log.info(`paused TTL resumed: ${TAG.expiresAt}=${changes.set[TAG.expiresAt]}`);
    return { tags: resumed };
  } catch (e) {
    log.error(
      `could not write the resumed TTL; enforcing ${TAG.expiresAt}=${changes.set[TAG.expiresAt]} locally and retrying`,
      e,
    );
    return { tags: resumed, pending: changes };
  }
}

/** After spawnd's own stop or hibernate: the same pause `spawn stop` writes. */
export async function pauseTtl(own: Own, tags: Record<string, string>, now: number, log: Logger) {
  const changes = pauseTtlChanges(tags, now);
  if (changes.remove.length === 0) return;
  await writeOwnTagChanges(own.ec2, own.instanceId, changes);
  log.info(`TTL paused while stopped: ${TAG.ttlRemaining}=${changes.set[TAG.ttlRemaining]}`);
}
