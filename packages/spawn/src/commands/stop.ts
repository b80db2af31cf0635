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
  toInstanceRecord,
} from '@truffle-spawn/core/lifecycle';

/** Shared by `spawn stop` and `spawn hibernate`: pause the TTL, stop, and say what still costs money. */
export async function stopOrHibernate(
  ctx: CommandContext,
  name: string,
  opts: { wait?: boolean },
  hibernate: boolean,
): Promise<void> {
  const aws = await ctx.aws(['ec2']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const ec2 = aws.ec2(instance.region);
  const now = ctx.io.now().getTime();
  assertCanStop(instance, hibernate);
  ctx.output.info(`${hibernate ? 'Hibernating' : 'Stopping'} ${instance.name} (${instance.instanceId})...`);
  const changes = await stopManagedInstance(ec2, instance, {
    hibernate,
    now,
    waitSeconds: opts.wait === false ? 0 : 600,
    signal: ctx.signal,
  });
  const tags = applyTagChangesLocally(instance.tags, changes);
  const paused = tags[TAG.ttlRemaining];
  ctx.output.success(
    `${instance.name} is ${opts.wait === false ? 'stopping' : hibernate ? 'hibernated' : 'stopped'}. ` +
      (paused
        ? `TTL paused with ${paused} left; \`spawn start ${instance.name}\` resumes it.`
        : 'It has no TTL.'),
  );
  const disk = await describeDiskCost(ec2, instance.volumeIds).catch(() => undefined);
  if (disk) {
    ctx.output.warn(
      `A stopped instance still pays for its disk: ${disk.sizeGiB} GiB of EBS ≈ ${formatUsd(disk.monthlyUsd)}/month ` +
        `(estimate from the ${EBS_PRICE_SOURCE}). \`spawn terminate ${instance.name}\` ends that.`,
    );
  }
  if (ctx.output.format !== 'table') {
    const state = opts.wait === false ? 'stopping' : 'stopped';
    ctx.output.record(toInstanceRecord({ ...instance, state, tags }, now), []);
  }
}

/** `spawn stop <name>`. */
export async function run(ctx: CommandContext, name: string, opts: { wait?: boolean }): Promise<void> {
  await stopOrHibernate(ctx, name, opts, false);
}
