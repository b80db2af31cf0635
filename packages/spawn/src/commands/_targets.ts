import { TAG, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { listManagedInstances, locateInstance, type ManagedInstance } from '@truffle-spawn/core/lifecycle';

type Aws = Awaited<ReturnType<CommandContext['aws']>>;

/**
 * What `spawn wait` and `spawn terminate` act on: the instance NAME, or every instance tagged
 * `spawn:group=G` (by name, numerically). `live` leaves out terminated members; a region that
 * fails is a warning.
 */
export async function nameOrGroup(
  ctx: CommandContext,
  aws: Aws,
  o: { name: string | undefined; group: string | undefined; live: boolean },
): Promise<ManagedInstance[]> {
  if (o.group === undefined) {
    const { instance, failed } = await locateInstance(aws, ctx.opts.region, o.name ?? '');
    for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
    return [instance];
  }
  const { group } = o;
  const regions = await aws.resolveRegions(ctx.opts.region);
  const { instances, failed } = await listManagedInstances((r) => aws.ec2(r), regions);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const members = instances
    .filter((i) => i.tags[TAG.group] === group && (!o.live || i.state !== 'terminated'))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  if (members.length === 0)
    throw new UserError(
      'NOT_FOUND',
      `No ${o.live ? 'live instance' : 'instance'} of group ${JSON.stringify(group)}.`,
    );
  return members;
}
