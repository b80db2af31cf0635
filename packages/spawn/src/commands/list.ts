import { TAG } from '@truffle-spawn/core';
import type { AwsContext } from '@truffle-spawn/core/aws';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  catalogOnDemandPrice,
  createPriceLookup,
  INSTANCE_TABLE_WIDTH,
  instanceColumns,
  listWithSchedules,
  type ManagedInstance,
  toInstanceRecord,
} from '@truffle-spawn/core/lifecycle';
import type { ListInput } from '../command-table.ts';

/**
 * `spawn list`: spawn-managed instances of every enabled region, or of `--region` (a region failing is
 * a warning, all failing an error).
 * Each shows which enforcers would end it; `--unprotected` keeps only those whose spawnd is silent
 * or stale (exit 0 either way: the records say `protected: false`).
 */
export async function run(ctx: CommandContext, input: ListInput): Promise<void> {
  const aws = await ctx.aws(['ec2', 'scheduler'], { abortable: true });
  const regions = await listRegions(ctx, aws);
  const keep = (i: ManagedInstance) =>
    (input.all || i.state !== 'terminated') &&
    (input.group === undefined || i.tags[TAG.group] === input.group);
  // Each region's ListSchedules goes out as soon as its instances are known (2 rounds, not 3).
  const { instances, failed, views } = await listWithSchedules(
    { ec2For: (r) => aws.ec2(r), schedulerFor: (r) => aws.scheduler(r), keep },
    regions,
  );
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const shown = instances
    .filter(keep)
    .sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  if (shown.length === 0) {
    const answered = regions.filter((r) => !failed.some((f) => f.region === r));
    const where = answered.length === 1 ? answered[0] : `${answered.length} regions`;
    ctx.output.info(`No spawn-managed instances in ${where}.`);
    if (ctx.opts.region) ctx.output.info('Every enabled region: spawn list (without --region)');
    return;
  }
  const now = ctx.io.now().getTime();
  const price = createPriceLookup({
    ec2For: (r) => aws.ec2(r),
    now: () => now,
    onDemand: catalogOnDemandPrice,
  });
  const all = await Promise.all(
    shown.map(async (i) => toInstanceRecord(i, now, await price(i), { cloud: views.get(i.instanceId) })),
  );
  const records = input.unprotected ? all.filter((r) => r.protected === false) : all;
  if (records.length === 0) {
    ctx.output.info('No unprotected instances: every running one has a recent spawnd report.');
    return;
  }
  const job = records.some((r) => r.job !== undefined);
  ctx.output.records(records, instanceColumns(now, { job }), { maxWidth: INSTANCE_TABLE_WIDTH });
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

/**
 * Every enabled region unless `--region` names some: the profile's or AWS_REGION's default region
 * is where a launch goes, not a filter, and an instance launched elsewhere must not be invisible.
 * Without DescribeRegions (a restricted policy) it falls back to the default region and says so.
 */
async function listRegions(ctx: CommandContext, aws: AwsContext): Promise<string[]> {
  if (ctx.opts.region) return aws.resolveRegions(ctx.opts.region);
  try {
    return await aws.resolveRegions('all');
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const [region] = await aws.resolveRegions(undefined);
    const why = error instanceof Error ? error.message : String(error);
    ctx.output.warn(`Cannot list the enabled regions (${why}); showing ${region} only.`);
    return [region as string];
  }
}
