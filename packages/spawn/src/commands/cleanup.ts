import { UserError } from '@truffle-spawn/core';
import { fanOut } from '@truffle-spawn/core/aws';
import { type CommandContext, renderTable } from '@truffle-spawn/core/cli-kit';
import {
  type CleanupPlan,
  deleteSpawnResources,
  EBS_PRICE_SOURCE,
  findOrphanScheduleResources,
  findSharedIamUser,
  findSpawnIam,
  findSpawnResources,
  formatUsd,
  planCleanup,
  planSharedIam,
  resourceColumns,
  resourceLabel,
  resourceMonthlyUsd,
} from '@truffle-spawn/core/lifecycle';
import type { CleanupInput } from '../command-table.ts';

/**
 * `spawn cleanup`: a dry run listing what ended or interrupted launches left behind (only
 * resources tagged `spawn:managed=true`) and what it costs per month; `--yes` deletes it in
 * dependency order. `--shared` also removes the account's shared network and IAM role/profile
 * once no instance uses them. Cloud-backstop schedules of gone instances are leftovers too.
 */
export async function run(ctx: CommandContext, input: CleanupInput): Promise<void> {
  const shared = input.shared === true;
  const aws = await ctx.aws(['ec2', 'iam', 'scheduler'], { abortable: true });
  const regions = await aws.resolveRegions(ctx.opts.region);
  const now = ctx.io.now().getTime();
  const scan = await fanOut(
    regions,
    async (region) => {
      const [resources, schedules] = await Promise.all([
        findSpawnResources(aws.ec2(region), region),
        // Schedules are a backstop: a region without Scheduler access still gets its EC2 cleanup.
        findOrphanScheduleResources(aws.scheduler(region), aws.ec2(region), region).catch(
          (error: unknown) => {
            if (!(error instanceof UserError)) throw error;
            ctx.output.warn(`${region}: schedules not checked: ${error.message}`);
            return [];
          },
        ),
      ]);
      const plan = await planCleanup(aws.ec2(region), region, resources, { shared, now });
      plan.delete.unshift(...schedules);
      return plan;
    },
    { signal: ctx.signal },
  );
  for (const f of scan.failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const plans = scan.ok.map((r) => r.value);
  const iamPlan = await planIam(ctx, shared);
  if (iamPlan) plans.push(iamPlan);
  for (const { resource, reason } of plans.flatMap((p) => p.keep)) {
    if (!resource.shared || shared) ctx.output.info(`Kept ${resourceLabel(resource)}: ${reason}`);
  }
  const sharedKept = plans.flatMap((p) => p.keep).filter((k) => k.resource.shared).length;
  if (sharedKept > 0 && !shared) {
    ctx.output.info(
      `${sharedKept} shared resource(s) (network, IAM role and profile) kept; \`spawn cleanup --shared\` removes them once nothing uses them.`,
    );
  }
  const leftovers = plans.flatMap((p) => p.delete);
  const answered = scan.ok.map((r) => r.region);
  const where = answered.length === 1 ? answered[0] : `${answered.length} regions`;
  if (leftovers.length === 0) {
    ctx.output.info(`No spawn leftovers in ${where}: nothing to clean up.`);
    return;
  }
  ctx.output.human(renderTable(leftovers, resourceColumns, (s) => ctx.output.style('bold', s)).trimEnd());
  const monthly = leftovers.reduce((sum, r) => sum + resourceMonthlyUsd(r), 0);
  ctx.output.info(
    `${leftovers.length} leftover resource(s) of ended or interrupted launches; deleting them saves about ` +
      `${formatUsd(monthly)}/month (estimate: volumes at the ${EBS_PRICE_SOURCE}; the rest is free).`,
  );
  if (!input.yes) {
    ctx.output.info(
      `Dry run: nothing was deleted. Delete them with: spawn cleanup --yes${shared ? ' --shared' : ''}${flag(ctx)}`,
    );
    return;
  }
  let failures = 0;
  for (const plan of plans.filter((p) => p.delete.length > 0)) {
    const ec2 = aws.ec2(plan.region === 'global' ? undefined : plan.region);
    await deleteSpawnResources(ec2, plan.delete, {
      iam: aws.iam(),
      scheduler: plan.region === 'global' ? undefined : aws.scheduler(plan.region),
      onResult: (r) => {
        const where = plan.region === 'global' ? '' : ` in ${plan.region}`;
        if (r.ok) ctx.output.success(`Deleted ${resourceLabel(r.resource)}${where}`);
        else {
          failures++;
          ctx.output.warn(`Could not delete ${resourceLabel(r.resource)}${where}: ${r.error.message}`);
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

/**
 * spawn's IAM role and profile (global). Only `--shared` may delete them, and only when no live
 * instance in any enabled region still needs them; a failed IAM scan is a warning, not a failure.
 */
async function planIam(ctx: CommandContext, shared: boolean): Promise<CleanupPlan | undefined> {
  const aws = await ctx.aws(['ec2', 'iam'], { abortable: true });
  try {
    const resources = await findSpawnIam(aws.iam());
    if (resources.length === 0) return undefined;
    if (!shared) return planSharedIam(resources, { shared });
    const profileArn = resources.find((r) => r.kind === 'instance-profile')?.arn;
    const user = await findSharedIamUser((r) => aws.ec2(r), await aws.resolveRegions('all'), profileArn);
    return planSharedIam(resources, { shared, user });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    ctx.output.warn(`IAM not checked: ${error.message}`);
    return undefined;
  }
}

function flag(ctx: CommandContext): string {
  return ctx.opts.region ? ` --regions ${ctx.opts.region}` : '';
}
