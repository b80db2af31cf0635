import { type EC2Client, TerminateInstancesCommand, waitUntilInstanceTerminated } from '@aws-sdk/client-ec2';
import { withAwsErrors } from '../aws/translate-aws-error.ts';
import { TAG } from '../tags.ts';
import { type DeleteOptions, type DeletionResult, deleteSpawnResources } from './delete-spawn-resources.ts';
import { findSpawnResources } from './find-spawn-resources.ts';
import type { ManagedInstance } from './managed-instance.ts';
import { type CleanupPlan, planCleanup } from './plan-cleanup.ts';

export interface TerminateOptions extends DeleteOptions {
  /** Seconds to wait for `terminated` before the instance's own resources can go. */
  waitSeconds: number;
  signal?: AbortSignal;
  onTerminated?: () => void;
}

/**
 * Terminates the instance, waits until EC2 reports it terminated, then deletes the resources
 * tagged `spawn:parent=<its id>`, and those of its `--count` group (`spawn:group`, same launch),
 * in dependency order; those still in use elsewhere (another live member) are kept.
 */
export async function terminateManagedInstance(
  ec2: EC2Client,
  instance: ManagedInstance,
  o: TerminateOptions,
): Promise<{ plan: CleanupPlan; results: DeletionResult[] }> {
  if (instance.state !== 'terminated') {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.instanceId] }));
  }
  // The waiter's own timeout is thrown outside the client (its middleware never sees it).
  await withAwsErrors(
    () =>
      waitUntilInstanceTerminated(
        { client: ec2, maxWaitTime: o.waitSeconds, minDelay: 5, abortSignal: o.signal },
        { InstanceIds: [instance.instanceId] },
      ),
    { region: instance.region, operation: 'DescribeInstances' },
  );
  o.onTerminated?.();
  const resources = await findSpawnResources(ec2, instance.region, { parent: instance.instanceId });
  // A --count group's security group and key go with its last instance, whichever that is.
  const group = instance.tags[TAG.group];
  const launchId = instance.tags[TAG.launchId];
  if (group && launchId) {
    const known = new Set(resources.map((r) => r.id));
    for (const r of await findSpawnResources(ec2, instance.region, { group }))
      if (!known.has(r.id) && r.launchId === launchId && r.kind !== 'volume') resources.push(r);
  }
  const plan = await planCleanup(ec2, instance.region, resources);
  return { plan, results: await deleteSpawnResources(ec2, plan.delete, o) };
}
