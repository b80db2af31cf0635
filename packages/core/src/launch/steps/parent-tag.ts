import { CreateTagsCommand } from '@aws-sdk/client-ec2';
import { awsCall, type StepContext } from '../context.ts';
import { type CreatedResources, parentTags } from '../created-resources.ts';

interface Batch {
  /** EC2 ids of this launch's resources that take `spawn:parent`, in the order they were made. */
  ids: string[];
  /** Per instance: which ids a CreateTags already covers, and that call. */
  sent: Map<string, { covered: Set<string>; call: Promise<void> }>;
}

const batches = new WeakMap<CreatedResources, Batch>();

/**
 * The `tag` of a journalled resource: `spawn:parent` = the instance, in ONE CreateTags for every
 * resource of the launch that takes it (the key pair and the security group), so the tags cost one
 * round after RunInstances, not one each. The first resource's tag sends it for all; the others
 * share that call (and its failure). A resource registered later gets its own call. With `group`
 * (`--count`) the same call adds `spawn:group`: the group shares them, they go with its last instance.
 */
export function parentTag(
  ctx: StepContext,
  resourceId: string,
): (instanceId: string, group?: string) => Promise<void> {
  let batch = batches.get(ctx.created);
  if (!batch) {
    batch = { ids: [], sent: new Map() };
    batches.set(ctx.created, batch);
  }
  batch.ids.push(resourceId);
  const own = batch;
  return (instanceId, group) => {
    const done = own.sent.get(instanceId);
    if (done?.covered.has(resourceId)) return done.call;
    const ids = own.ids.filter((id) => !done?.covered.has(id));
    const call = awsCall(ctx, 'CreateTags', (o) =>
      ctx.clients.ec2.send(new CreateTagsCommand({ Resources: ids, Tags: parentTags(instanceId, group) }), o),
    ).then(() => undefined);
    own.sent.set(instanceId, { covered: new Set([...(done?.covered ?? []), ...ids]), call });
    return call;
  };
}
