import { type EC2Client, StartInstancesCommand, waitUntilInstanceRunning } from '@aws-sdk/client-ec2';
import { withAwsErrors } from '../aws/translate-aws-error.ts';
import { UserError } from '../errors/user-error.ts';
import type { ManagedInstance } from './managed-instance.ts';
import type { TagChanges } from './tag-changes.ts';
import { startTagChanges } from './ttl.ts';
import { writeTagChanges } from './write-tag-changes.ts';

export interface StartOptions {
  now: number;
  /** Seconds to wait for `running`; 0 returns right after the request. */
  waitSeconds: number;
  signal?: AbortSignal;
}

/**
 * Restores the paused TTL (`spawn:expires-at = now + remaining`) and starts the instance. Tags are
 * written first so spawnd reads the right deadline at boot; if the start fails (stopped instances
 * often meet InsufficientInstanceCapacity) the paused TTL is put back.
 */
export async function startManagedInstance(
  ec2: EC2Client,
  instance: ManagedInstance,
  o: StartOptions,
): Promise<TagChanges> {
  if (instance.state !== 'stopped') {
    throw new UserError('INVALID_STATE', `Cannot start ${instance.name}: it is ${instance.state}.`, {
      hint:
        instance.state === 'stopping' ? 'Wait until it has stopped (about a minute), then retry.' : undefined,
    });
  }
  const changes = startTagChanges(instance.tags, o.now);
  await writeTagChanges(ec2, instance.instanceId, changes);
  try {
    await ec2.send(new StartInstancesCommand({ InstanceIds: [instance.instanceId] }));
  } catch (error) {
    const undo = { set: pick(instance.tags, changes.remove), remove: Object.keys(changes.set) };
    await writeTagChanges(ec2, instance.instanceId, undo).catch(() => undefined);
    throw error;
  }
  if (o.waitSeconds > 0) {
    // The waiter's own timeout is thrown outside the client (its middleware never sees it).
    await withAwsErrors(
      () =>
        waitUntilInstanceRunning(
          { client: ec2, maxWaitTime: o.waitSeconds, minDelay: 5, abortSignal: o.signal },
          { InstanceIds: [instance.instanceId] },
        ),
      { region: instance.region, operation: 'DescribeInstances' },
    );
  }
  return changes;
}

function pick(tags: Readonly<Record<string, string>>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (tags[k] === undefined ? [] : [[k, tags[k]]])));
}
