import type { EC2Client } from '@aws-sdk/client-ec2';
import { formatDuration, TAG } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  applyTagChangesLocally,
  describeManagedInstances,
  expiresAtMs,
  locateInstance,
  type ManagedInstance,
  refreshSshHostEntry,
  startManagedInstance,
  syncCloudBackstop,
  toInstanceRecord,
} from '@truffle-spawn/core/lifecycle';
import type { StartInput } from '../command-table.ts';
import { reportBackstop } from './_backstop-report.ts';

/** `spawn start <name>`: resume the paused TTL (`expires-at = now + remaining`) and start. */
export async function run(ctx: CommandContext, { name, wait }: StartInput): Promise<void> {
  const aws = await ctx.aws(['ec2', 'scheduler', 'iam']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const now = ctx.io.now().getTime();
  ctx.output.info(`Starting ${instance.name} (${instance.instanceId})...`);
  const changes = await startManagedInstance(aws.ec2(instance.region), instance, {
    now,
    waitSeconds: wait === false ? 0 : 600,
    signal: ctx.signal,
  });
  const tags = applyTagChangesLocally(instance.tags, changes);
  const expires = expiresAtMs(tags);
  const action = tags[TAG.onExpire] || 'terminate';
  ctx.output.success(`${instance.name} is ${wait === false ? 'starting' : 'running'}.`);
  if (wait !== false) await refreshSshEntry(ctx, aws.ec2(instance.region), instance);
  if (expires === undefined) ctx.output.info('It has no TTL; only the idle timeout can end it.');
  else if (expires > now) {
    ctx.output.info(
      `TTL resumed: ${action} at ${tags[TAG.expiresAt]} (in ${formatDuration(expires - now)}).`,
    );
  } else {
    ctx.output.warn(
      `Its TTL ran out at ${tags[TAG.expiresAt]}: spawnd will ${action} it shortly after boot. ` +
        `Keep it with \`spawn extend ${instance.name} 2h\`.`,
    );
  }
  // The TTL resumed: re-arm the cloud schedule for the new deadline (it pointed at the max-stopped end).
  const backstop = await syncCloudBackstop(
    { scheduler: aws.scheduler(instance.region), iam: aws.iam(), accountId: () => aws.accountId() },
    instance,
    { tags, stopped: false, now },
  );
  reportBackstop(ctx, instance.name, backstop, 'set');
  if (ctx.output.format !== 'table') {
    const state = wait === false ? 'pending' : 'running';
    const cloud = { state: backstop.state, at: backstop.at, stopAt: backstop.stopAt };
    ctx.output.record(
      toInstanceRecord(
        { ...instance, state, tags, launchedAt: new Date(now).toISOString() },
        now,
        undefined,
        {
          cloud,
        },
      ),
      [],
    );
  }
}

/** A started instance has a new public IP: point its `ssh NAME` entry (if it has one) at it. */
async function refreshSshEntry(
  ctx: CommandContext,
  ec2: EC2Client,
  instance: ManagedInstance,
): Promise<void> {
  try {
    const [now] = await describeManagedInstances(ec2, instance.region, {
      instanceIds: [instance.instanceId],
    });
    if (!now?.publicIp) return;
    const changed = await refreshSshHostEntry({
      homedir: ctx.io.homedir,
      platform: ctx.io.platform,
      instanceId: instance.instanceId,
      hostName: now.publicIp,
    });
    if (changed) ctx.output.info(`\`ssh ${instance.name}\` now points at ${now.publicIp}.`);
  } catch (error) {
    ctx.output.warn(`Could not update ~/.ssh/config.d/spawn: ${(error as Error).message}`);
  }
}
