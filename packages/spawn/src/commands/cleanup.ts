import { UserError } from '@truffle-spawn/core';
import { fanOut } from '@truffle-spawn/core/aws';
import { type CommandContext, renderTable } from '@truffle-spawn/core/cli-kit';
import {
  deleteSpawnResources,
  EBS_PRICE_SOURCE,
  findSpawnResources,
  formatUsd,
  planCleanup,
  resourceColumns,
  resourceLabel,
  resourceMonthlyUsd,
} from '@truffle-spawn/core/lifecycle';

/**
 * `spawn cleanup`: a dry run listing spawn-tagged leftovers of gone instances and what they cost
 * per month; `--yes` deletes them in dependency order. Nothing without spawn tags is considered.
 */
export async function run(ctx: CommandContext, opts: { yes?: boolean }): Promise<void> {
  const aws = await ctx.aws(['ec2']);
  const regions = await aws.resolveRegions(ctx.opts.region);
  const scan = await fanOut(regions, async (region) =>
    planCleanup(aws.ec2(region), region, await findSpawnResources(aws.ec2(region), region)),
  );
  for (const f of scan.failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const plans = scan.ok.map((r) => r.value).filter((p) => p.delete.length > 0);
  const leftovers = plans.flatMap((p) => p.delete);
  const where = regions.length === 1 ? regions[0] : `${regions.length} regions`;
  if (leftovers.length === 0) {
    ctx.output.info(`No spawn leftovers in ${where}: nothing to clean up.`);
    return;
  }
  ctx.output.human(renderTable(leftovers, resourceColumns, (s) => ctx.output.style('bold', s)).trimEnd());
  const monthly = leftovers.reduce((sum, r) => sum + resourceMonthlyUsd(r), 0);
  ctx.output.info(
    `${leftovers.length} leftover resource(s) of terminated instances; deleting them saves about ` +
      `${formatUsd(monthly)}/month (estimate: volumes at the ${EBS_PRICE_SOURCE}; the rest is free).`,
  );
  if (!opts.yes) {
    ctx.output.info(`Dry run: nothing was deleted. Delete them with: spawn cleanup --yes${flag(ctx)}`);
    return;
  }
  let failures = 0;
  for (const plan of plans) {
    await deleteSpawnResources(aws.ec2(plan.region), plan.delete, {
      onResult: (r) => {
        if (r.ok) ctx.output.success(`Deleted ${resourceLabel(r.resource)} in ${plan.region}`);
        else {
          failures++;
          ctx.output.warn(
            `Could not delete ${resourceLabel(r.resource)} in ${plan.region}: ${r.error.message}`,
          );
        }
      },
    });
  }
  if (failures > 0) {
    throw new UserError(
      'AWS_ERROR',
      `${failures} of ${leftovers.length} leftover resource(s) could not be deleted.`,
      {
        hint: 'Something outside spawn may still use them; run `spawn cleanup` again later to retry.',
      },
    );
  }
}

function flag(ctx: CommandContext): string {
  return ctx.opts.region ? ` --regions ${ctx.opts.region}` : '';
}
