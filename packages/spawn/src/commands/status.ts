import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  catalogOnDemandPrice,
  cloudScheduleView,
  createPriceLookup,
  describeDiskCost,
  explainJob,
  explainStatus,
  instanceJob,
  locateInstance,
  toInstanceRecord,
} from '@truffle-spawn/core/lifecycle';
import type { StatusInput } from '../command-table.ts';

/** `spawn status <name>`: the facts on stderr, one `instance` record on stdout for machines. */
export async function run(ctx: CommandContext, { name }: StatusInput): Promise<void> {
  const aws = await ctx.aws(['ec2', 'scheduler']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const now = ctx.io.now().getTime();
  const ec2 = aws.ec2(instance.region);
  const [price, disk, cloud] = await Promise.all([
    createPriceLookup({ ec2For: () => ec2, now: () => now, onDemand: catalogOnDemandPrice })(instance),
    describeDiskCost(ec2, instance.volumeIds).catch(() => undefined),
    cloudScheduleView(aws.scheduler(instance.region), instance),
  ]);
  const job = instanceJob(instance);
  const lines = [
    ...explainStatus(instance, { now, price, diskMonthlyUsd: disk?.monthlyUsd, cloud }),
    ...(job ? explainJob(job, now) : []),
  ];
  const width = Math.max(...lines.map((l) => l.label.length));
  for (const l of lines) ctx.output.human(`${ctx.output.style('bold', l.label.padEnd(width))}  ${l.value}`);
  if (ctx.output.format !== 'table') ctx.output.record(toInstanceRecord(instance, now, price, { cloud }), []);
}
