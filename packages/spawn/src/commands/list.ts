import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  catalogOnDemandPrice,
  createPriceLookup,
  instanceColumns,
  listManagedInstances,
  toInstanceRecord,
} from '@truffle-spawn/core/lifecycle';

/** `spawn list`: spawn-managed instances of the resolved region(s); a failing region is a warning. */
export async function run(ctx: CommandContext, opts: { all?: boolean }): Promise<void> {
  const aws = await ctx.aws(['ec2']);
  const regions = await aws.resolveRegions(ctx.opts.region);
  const { instances, failed } = await listManagedInstances((r) => aws.ec2(r), regions);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const shown = instances
    .filter((i) => opts.all || i.state !== 'terminated')
    .sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  if (shown.length === 0) {
    const where = regions.length === 1 ? regions[0] : `${regions.length} regions`;
    ctx.output.info(`No spawn-managed instances in ${where}.`);
    if (regions.length === 1) ctx.output.info('Instances in other regions: spawn list --regions all');
    return;
  }
  const now = ctx.io.now().getTime();
  const price = createPriceLookup({
    ec2For: (r) => aws.ec2(r),
    now: () => now,
    onDemand: catalogOnDemandPrice,
  });
  const records = await Promise.all(shown.map(async (i) => toInstanceRecord(i, now, await price(i))));
  ctx.output.records(records, instanceColumns(now));
  if (ctx.output.format === 'table') {
    ctx.output.info(
      ctx.output.style('dim', 'Cost so far is an estimate: hourly price × time since the last start.'),
    );
  }
}
