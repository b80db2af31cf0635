import {
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
import { TAG } from '../tags.ts';
import { awsCall, type StepContext } from './context.ts';
import type { UncheckedKind } from './created-resources.ts';
import { instanceResource } from './steps/run-instance.ts';

/**
 * Before a rollback: journals what this launch created but never heard back about (a create whose
 * answer was lost to a timeout, a Ctrl-C or a sibling's cancellation). Every own resource carries
 * `spawn:launch-id` from its create call, so it is found by that tag; shared resources never do.
 * A lookup that fails is returned with why: a stray of that kind may exist unseen, and the user
 * is told how to find it by the same tag.
 */
export async function adoptStrays(ctx: StepContext, signal: AbortSignal): Promise<UncheckedKind[]> {
  // Nothing carries the id until a create call was built with it.
  if (!ctx.launchId.issued || ctx.environment.dryRun) return [];
  const launchId = ctx.launchId.value;
  const ec2 = ctx.clients.ec2;
  const known = new Set(ctx.created.list().map((r) => r.id));
  const byLaunch = [{ Name: `tag:${TAG.launchId}`, Values: [launchId] }];
  const unchecked: UncheckedKind[] = [];
  const call = <T>(
    kind: UncheckedKind['kind'],
    operation: string,
    fn: (o: { abortSignal: AbortSignal }) => Promise<T>,
  ) =>
    awsCall(ctx, operation, fn, { signal }).catch((error: unknown) => {
      // The translated message names the call already ("AWS did not answer in time (DescribeInstances) …").
      const why = error instanceof Error ? error.message : `${operation}: ${String(error)}`;
      unchecked.push({ kind, why: why.replace(/\.$/, '') });
      return undefined;
    });
  const [groups, keys, instances] = await Promise.all([
    call('security group', 'DescribeSecurityGroups', (o) =>
      ec2.send(new DescribeSecurityGroupsCommand({ Filters: byLaunch }), o),
    ),
    call('key pair', 'DescribeKeyPairs', (o) =>
      ec2.send(new DescribeKeyPairsCommand({ Filters: byLaunch }), o),
    ),
    call('instance', 'DescribeInstances', (o) =>
      ec2.send(new DescribeInstancesCommand({ Filters: byLaunch }), o),
    ),
  ]);
  for (const key of keys?.KeyPairs ?? []) {
    const name = key.KeyName;
    if (!name || known.has(name)) continue;
    ctx.created.add({
      kind: 'key pair',
      id: name,
      remove: (s) =>
        awsCall(ctx, 'DeleteKeyPair', (o) => ec2.send(new DeleteKeyPairCommand({ KeyName: name }), o), {
          signal: s,
        }).then(() => undefined),
    });
  }
  for (const group of groups?.SecurityGroups ?? []) {
    const id = group.GroupId;
    if (!id || known.has(id)) continue;
    ctx.created.add({
      kind: 'security group',
      id,
      remove: (s) =>
        awsCall(
          ctx,
          'DeleteSecurityGroup',
          (o) => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }), o),
          {
            signal: s,
          },
        ).then(() => undefined),
    });
  }
  const live = (instances?.Reservations ?? [])
    .flatMap((r) => r.Instances ?? [])
    .filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? ''));
  for (const instance of live) {
    const id = instance.InstanceId;
    if (!id || known.has(id)) continue;
    ctx.created.add(instanceResource(ctx, id));
  }
  return unchecked;
}
