import { TAG } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  applyTagChangesLocally,
  assertCanStop,
  describeDiskCost,
  EBS_PRICE_SOURCE,
  formatUsd,
  locateInstance,
  stopManagedInstance,
  syncCloudBackstop,
  toInstanceRecord,
} from '@truffle-spawn/core/lifecycle';
import type { StopInput } from '../command-table.ts';
import { reportBackstop } from './_backstop-report.ts';

/** Shared by `spawn stop` and `spawn hibernate`: pause the TTL, stop, and say what still costs money. */
export async function stopOrHibernate(
  ctx: CommandContext,
  { name, wait }: StopInput,
  hibernate: boolean,
): Promise<void> {
  const aws = await ctx.aws(['ec2', 'scheduler', 'iam']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const ec2 = aws.ec2(instance.region);
  const now = ctx.io.now().getTime();
  assertCanStop(instance, hibernate);
  ctx.output.info(`${hibernate ? 'Hibernating' : 'Stopping'} ${instance.name} (${instance.instanceId})...`);
  const changes = await stopManagedInstance(ec2, instance, {
    hibernate,
    now,
    waitSeconds: wait === false ? 0 : 600,
    signal: ctx.signal,
  });
  const tags = applyTagChangesLocally(instance.tags, changes);
  const paused = tags[TAG.ttlRemaining];
  ctx.output.success(
    `${instance.name} is ${wait === false ? 'stopping' : hibernate ? 'hibernated' : 'stopped'}. ` +
      (paused
        ? `TTL paused with ${paused} left; \`spawn start ${instance.name}\` resumes it.`
        : 'It has no TTL.'),
  );
  // Stopped time does not count against the TTL, but a stopped instance still ends: the cloud
  // schedule now points at now + its max stopped time.
  const backstop = await syncCloudBackstop(
    { scheduler: aws.scheduler(instance.region), iam: aws.iam(), accountId: () => aws.accountId() },
    instance,
    { tags, stopped: true, now },
  );
  if (backstop.state === 'armed') {
    ctx.output.info(
      `If it is still stopped at ${backstop.at} (max stopped ${tags[TAG.maxStopped] || '7d'}), EventBridge Scheduler ` +
        'terminates it and its volumes are deleted with it; `spawn start` before then keeps it.',
    );
  } else reportBackstop(ctx, instance.name, backstop, 'moved');
  const disk = await describeDiskCost(ec2, instance.volumeIds).catch(() => undefined);
  if (disk) {
    ctx.output.warn(
      `A stopped instance still pays for its disk: ${disk.sizeGiB} GiB of EBS ≈ ${formatUsd(disk.monthlyUsd)}/month ` +
        `(estimate from the ${EBS_PRICE_SOURCE}). \`spawn terminate ${instance.name}\` ends that.`,
    );
  }
  if (ctx.output.format !== 'table') {
    const state = wait === false ? 'stopping' : 'stopped';
    const cloud = { state: backstop.state, at: backstop.at };
    ctx.output.record(toInstanceRecord({ ...instance, state, tags }, now, undefined, { cloud }), []);
  }
}

/** `spawn stop <name>`. */
export async function run(ctx: CommandContext, input: StopInput): Promise<void> {
  await stopOrHibernate(ctx, input, false);
}
