import { formatDuration, parseDuration, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  applyTagChangesLocally,
  type ExtendRequest,
  locateInstance,
  parseTargetTime,
  planExtend,
  syncCloudBackstop,
  toInstanceRecord,
  writeTagChanges,
} from '@truffle-spawn/core/lifecycle';
import type { ExtendInput } from '../command-table.ts';
import { reportBackstop } from './_backstop-report.ts';

/**
 * `spawn extend <name> 2h` moves `spawn:expires-at` to max(now, current expiry) + 2h: extending an
 * already-expired deadline never lands in the past. `--to <time>` sets the deadline outright.
 */
export async function run(ctx: CommandContext, { name, duration, to }: ExtendInput): Promise<void> {
  const now = ctx.io.now().getTime();
  if ((duration === undefined) === (to === undefined)) {
    throw new UserError('USAGE', 'Give either a duration or --to <time>, not both or neither.', {
      hint: 'e.g. `spawn extend my-box 2h` or `spawn extend my-box --to 2030-01-31T18:00:00Z`.',
    });
  }
  // Input is validated before any AWS call so a typo never needs credentials to be reported.
  const request: ExtendRequest =
    duration !== undefined ? { byMs: parseDuration(duration) } : { toMs: parseTargetTime(to ?? '', now) };
  const aws = await ctx.aws(['ec2', 'scheduler', 'iam']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  if (instance.state === 'terminated' || instance.state === 'shutting-down') {
    throw new UserError(
      'INVALID_STATE',
      `${instance.name} is ${instance.state}; there is nothing to extend.`,
    );
  }
  const plan = planExtend(instance, request, now);
  await writeTagChanges(aws.ec2(instance.region), instance.instanceId, plan.changes);
  const tags = applyTagChangesLocally(instance.tags, plan.changes);
  // A stopped instance's schedule points at its max-stopped end, which an extension does not move.
  const backstop = plan.expiresAt
    ? await syncCloudBackstop(
        { scheduler: aws.scheduler(instance.region), iam: aws.iam(), accountId: () => aws.accountId() },
        instance,
        { tags, stopped: false, now },
      )
    : undefined;
  if (plan.expiresAt) {
    ctx.output.success(
      `${instance.name} now expires at ${plan.expiresAt} (in ${formatDuration(Date.parse(plan.expiresAt) - now)}).`,
    );
  } else {
    ctx.output.success(
      `${instance.name} is stopped: its paused TTL is now ${formatDuration(plan.pausedMs ?? 0)}, counted from \`spawn start\`.`,
    );
  }
  if (backstop) reportBackstop(ctx, instance.name, backstop, 'moved');
  if (ctx.output.format !== 'table') {
    const cloud = backstop ? { state: backstop.state, at: backstop.at, stopAt: backstop.stopAt } : undefined;
    ctx.output.record(toInstanceRecord({ ...instance, tags }, now, undefined, { cloud }), []);
  }
}
