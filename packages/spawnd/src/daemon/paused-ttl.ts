import { TAG } from '@truffle-spawn/core';
import {
  type AgentEc2Client,
  pauseTtlChanges,
  resumeTtlChanges,
  writeOwnTagChanges,
} from '@truffle-spawn/core/agent';
import { applyTagChangesLocally } from '@truffle-spawn/core/lifecycle';
import type { Logger } from '../logger.ts';

interface Own {
  ec2: AgentEc2Client;
  instanceId: string;
}

/**
 * Resumes a TTL paused by a stop when the instance was started outside `spawn start` (console,
 * API): the tags it will hold, or `undefined` when the write failed (retry next cycle).
 */
export async function resumePausedTtl(
  own: Own,
  tags: Record<string, string>,
  now: number,
  log: Logger,
): Promise<Record<string, string> | undefined> {
  const changes = resumeTtlChanges(tags, now);
  if (Object.keys(changes.set).length === 0) return tags;
  try {
    await writeOwnTagChanges(own.ec2, own.instanceId, changes);
    log.info(`paused TTL resumed: ${TAG.expiresAt}=${changes.set[TAG.expiresAt]}`);
    return applyTagChangesLocally(tags, changes);
  } catch (e) {
    log.error('could not resume the paused TTL; retrying next cycle', e);
    return undefined;
  }
}

/** After spawnd's own stop or hibernate: the same pause `spawn stop` writes. */
export async function pauseTtl(own: Own, tags: Record<string, string>, now: number, log: Logger) {
  const changes = pauseTtlChanges(tags, now);
  if (changes.remove.length === 0) return;
  await writeOwnTagChanges(own.ec2, own.instanceId, changes);
  log.info(`TTL paused while stopped: ${TAG.ttlRemaining}=${changes.set[TAG.ttlRemaining]}`);
}
