import { TAG } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  type CloudView,
  catalogOnDemandPrice,
  cloudScheduleViews,
  createPriceLookup,
  instanceColumns,
  listManagedInstances,
  toInstanceRecord,
} from '@truffle-spawn/core/lifecycle';
import type { ListInput } from '../command-table.ts';

/**
 * `spawn list`: spawn-managed instances of the resolved region(s); a failing region is a warning.
 * Each shows which enforcers would end it; `--unprotected` keeps only those whose spawnd is silent
 * or stale (exit 0 either way: the records say `protected: false`).
 */
export async function run(ctx: CommandContext, input: ListInput): Promise<void> {
  const aws = await ctx.aws(['ec2', 'scheduler'], { abortable: true });
  const regions = await aws.resolveRegions(ctx.opts.region);
  const { instances, failed } = await listManagedInstances((r) => aws.ec2(r), regions);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const shown = instances
    .filter((i) => input.all || i.state !== 'terminated')
    .filter((i) => input.group === undefined || i.tags[TAG.group] === input.group)
    .sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  if (shown.length === 0) {
    const answered = regions.filter((r) => !failed.some((f) => f.region === r));
    const where = answered.length === 1 ? answered[0] : `${answered.length} regions`;
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
  const views = new Map<string, CloudView>();
  await Promise.all(
    [...new Set(shown.map((i) => i.region))].map(async (region) => {
      const inRegion = shown.filter((i) => i.region === region);
      for (const [id, view] of await cloudScheduleViews(aws.scheduler(region), region, inRegion))
        views.set(id, view);
    }),
  );
  const all = await Promise.all(
    shown.map(async (i) => toInstanceRecord(i, now, await price(i), { cloud: views.get(i.instanceId) })),
  );
  const records = input.unprotected ? all.filter((r) => r.protected === false) : all;
  if (records.length === 0) {
    ctx.output.info('No unprotected instances: every running one has a recent spawnd report.');
    return;
  }
  ctx.output.records(records, instanceColumns(now));
  for (const r of records.filter((x) => x.protected === false)) {
    ctx.output.warn(
      `${r.name} is UNPROTECTED: spawnd has not reported (${r.enforcers?.agent}). \`spawn status ${r.name}\` says what still ends it; ` +
        `end it with \`spawn terminate ${r.name}\`, or check \`spawn connect ${r.name}\` and \`journalctl -u spawnd\`.`,
    );
  }
  if (ctx.output.format === 'table') {
    ctx.output.info(
      ctx.output.style('dim', 'Cost so far is an estimate: hourly price × time since the last start.'),
    );
  }
}
