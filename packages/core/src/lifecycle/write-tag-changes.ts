import { CreateTagsCommand, DeleteTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { TagChanges } from './tag-changes.ts';

/** Writes then deletes tags on one resource (two calls at most, none when there is nothing to do). */
export async function writeTagChanges(
  ec2: EC2Client,
  resourceId: string,
  changes: TagChanges,
): Promise<void> {
  const set = Object.entries(changes.set).map(([Key, Value]) => ({ Key, Value }));
  if (set.length > 0) await ec2.send(new CreateTagsCommand({ Resources: [resourceId], Tags: set }));
  if (changes.remove.length > 0) {
    await ec2.send(
      new DeleteTagsCommand({ Resources: [resourceId], Tags: changes.remove.map((Key) => ({ Key })) }),
    );
  }
}
