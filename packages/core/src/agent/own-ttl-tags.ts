import { NO_TAG_CHANGES, type TagChanges } from '../lifecycle/tag-changes.ts';
import { startTagChanges, stopTagChanges } from '../lifecycle/ttl.ts';
import { TAG } from '../tags.ts';
import { createOwnTags, deleteOwnTags } from './instance-ec2.ts';
import type { AgentEc2Client } from './lean-ec2/lean-ec2-client.ts';

/**
 * Tag changes that resume a TTL paused by a stop done outside `spawn start` (console, API, or
 * spawnd's own stop): only when `spawn:expires-at` is gone and `spawn:ttl-remaining` is there.
 * An empty `spawn:expires-at` counts as gone (see `writeOwnTagChanges`).
 */
export function resumeTtlChanges(tags: Readonly<Record<string, string>>, now: number): TagChanges {
  if (tags[TAG.expiresAt]?.trim()) return NO_TAG_CHANGES;
  return startTagChanges(tags, now);
}

/** The same pause `spawn stop` writes: remaining TTL into `spawn:ttl-remaining`, no `expires-at`. */
export const pauseTtlChanges = stopTagChanges;

/**
 * Writes tag changes on the instance itself. Roles made by older launches lack ec2:DeleteTags
 * (their policy grants CreateTags only); then removed keys are blanked instead, which every
 * reader treats as absent, so the pause still holds.
 */
export async function writeOwnTagChanges(
  ec2: AgentEc2Client,
  instanceId: string,
  changes: TagChanges,
): Promise<void> {
  await createOwnTags(ec2, instanceId, changes.set);
  if (changes.remove.length === 0) return;
  try {
    await deleteOwnTags(ec2, instanceId, changes.remove);
  } catch (error) {
    try {
      await createOwnTags(ec2, instanceId, Object.fromEntries(changes.remove.map((key) => [key, ''])));
    } catch {
      throw error;
    }
  }
}
