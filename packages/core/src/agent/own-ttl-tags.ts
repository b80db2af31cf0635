import { CreateTagsCommand, DeleteTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { NO_TAG_CHANGES, type TagChanges } from '../lifecycle/tag-changes.ts';
import { startTagChanges, stopTagChanges } from '../lifecycle/ttl.ts';
import { writeTagChanges } from '../lifecycle/write-tag-changes.ts';
import { TAG } from '../tags.ts';

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
 * Writes tag changes on the instance itself. The instance role may lack ec2:DeleteTags (older
 * policies grant CreateTags only); then removed keys are blanked instead, which every reader
 * treats as absent, so the pause still holds.
 */
export async function writeOwnTagChanges(
  ec2: EC2Client,
  instanceId: string,
  changes: TagChanges,
): Promise<void> {
  await writeTagChanges(ec2, instanceId, { set: changes.set, remove: [] });
  if (changes.remove.length === 0) return;
  try {
    await ec2.send(
      new DeleteTagsCommand({ Resources: [instanceId], Tags: changes.remove.map((Key) => ({ Key })) }),
    );
  } catch (error) {
    const blank = changes.remove.map((Key) => ({ Key, Value: '' }));
    try {
      await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: blank }));
    } catch {
      throw error;
    }
  }
}
