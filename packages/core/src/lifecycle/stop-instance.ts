import { type EC2Client, StopInstancesCommand, waitUntilInstanceStopped } from '@aws-sdk/client-ec2';
import { withAwsErrors } from '../aws/translate-aws-error.ts';
import { UserError } from '../errors/user-error.ts';
import type { ManagedInstance } from './managed-instance.ts';
import type { TagChanges } from './tag-changes.ts';
import { stopTagChanges } from './ttl.ts';
import { writeTagChanges } from './write-tag-changes.ts';

export interface StopOptions {
  hibernate: boolean;
  now: number;
  /** Seconds to wait for `stopped`; 0 returns right after the request. */
  waitSeconds: number;
  signal?: AbortSignal;
}

/**
 * Stops (or hibernates) an instance and pauses its TTL. The stop is requested before the tags
 * change: if tagging then fails, the old deadline stays, which can only end the instance early,
 * never leave it running without a TTL.
 */
export async function stopManagedInstance(
  ec2: EC2Client,
  instance: ManagedInstance,
  o: StopOptions,
): Promise<TagChanges> {
  assertCanStop(instance, o.hibernate);
  await ec2.send(
    new StopInstancesCommand({ InstanceIds: [instance.instanceId], Hibernate: o.hibernate || undefined }),
  );
  const changes = stopTagChanges(instance.tags, o.now);
  await writeTagChanges(ec2, instance.instanceId, changes);
  if (o.waitSeconds > 0) {
    // The waiter's own timeout is thrown outside the client (its middleware never sees it).
    await withAwsErrors(
      () =>
        waitUntilInstanceStopped(
          { client: ec2, maxWaitTime: o.waitSeconds, minDelay: 5, abortSignal: o.signal },
          { InstanceIds: [instance.instanceId] },
        ),
      { region: instance.region, operation: 'DescribeInstances' },
    );
  }
  return changes;
}

/** Throws INVALID_STATE unless the instance can be stopped (or hibernated) now. */
export function assertCanStop(instance: ManagedInstance, hibernate: boolean): void {
  const verb = hibernate ? 'hibernate' : 'stop';
  if (hibernate && !instance.hibernationConfigured) {
    throw new UserError(
      'INVALID_STATE',
      `${instance.name} was not launched with hibernation, so it cannot hibernate.`,
      {
        hint: `Use \`spawn stop ${instance.name}\` (RAM is not kept), or launch with --hibernate next time.`,
      },
    );
  }
  if (instance.state !== 'running' && instance.state !== 'pending') {
    throw new UserError('INVALID_STATE', `Cannot ${verb} ${instance.name}: it is ${instance.state}.`, {
      hint:
        instance.state === 'stopped'
          ? `It is already stopped; \`spawn start ${instance.name}\` starts it.`
          : undefined,
    });
  }
}
