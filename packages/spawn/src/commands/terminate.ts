import { UserError } from '@truffle-spawn/core';
import { type CommandContext, cancelledAtPrompt } from '@truffle-spawn/core/cli-kit';
import {
  type ManagedInstance,
  removeSshHostEntry,
  resourceLabel,
  terminateManagedInstance,
} from '@truffle-spawn/core/lifecycle';
import { removeTerminationSchedule } from '@truffle-spawn/core/scheduler';
import type { TerminateInput } from '../command-table.ts';
import { nameOrGroup } from './_targets.ts';

type Aws = Awaited<ReturnType<CommandContext['aws']>>;

/**
 * `spawn terminate <name>` (or `--group G`, every instance of a `spawn run --count` launch):
 * asks first (unless --yes), waits for `terminated`, then deletes the resources launch tagged
 * `spawn:parent=<id>`. Without a terminal to ask on, --yes is required.
 */
export async function run(ctx: CommandContext, { name, yes, group }: TerminateInput): Promise<void> {
  if ((name === undefined) === (group === undefined))
    throw new UserError('USAGE', 'spawn terminate takes a NAME or --group G (one of them).');
  const aws = await ctx.aws(['ec2', 'scheduler']);
  const targets = await nameOrGroup(ctx, aws, { name, group, live: true });
  const what =
    targets.length === 1 && targets[0]
      ? describe(targets[0])
      : `${targets.length} instances of group ${group}: ${targets.map((t) => t.name).join(', ')}`;
  if (!yes) {
    const again = group === undefined ? (targets[0]?.instanceId ?? '') : `--group ${group}`;
    if (!ctx.io.stdin.isTTY) {
      throw new UserError('USAGE', `Not terminating ${what} without confirmation.`, {
        hint: `There is no terminal to ask on; pass --yes: spawn terminate ${again} --yes`,
      });
    }
    const { confirm } = await import('@inquirer/prompts');
    const ok = await confirm(
      { message: `Terminate ${what}? Its disks are deleted; this cannot be undone.`, default: false },
      { input: ctx.io.stdin, output: ctx.io.stderr, signal: ctx.signal },
    ).catch((error: unknown) => {
      throw cancelledAtPrompt(error, 'Cancelled, nothing was terminated.');
    });
    if (!ok) {
      ctx.output.info('Nothing was terminated.');
      return;
    }
  }
  let failures = 0;
  for (const instance of targets) failures += await terminateOne(ctx, aws, instance);
  if (failures > 0) {
    const whose = targets.length === 1 ? targets[0]?.name : `group ${group}`;
    throw new UserError('AWS_ERROR', `${failures} resource(s) of ${whose} could not be deleted.`, {
      hint: 'Run `spawn cleanup` in a few minutes to see and delete what is left.',
    });
  }
}

const describe = (i: ManagedInstance) =>
  `${i.name} (${i.instanceId}, ${i.instanceType}, ${i.region}, ${i.state})`;

/** One instance: terminate, delete its own resources, remove its schedule; returns the failures. */
async function terminateOne(ctx: CommandContext, aws: Aws, instance: ManagedInstance): Promise<number> {
  ctx.output.info(`Terminating ${describe(instance)}...`);
  const { plan, results } = await terminateManagedInstance(aws.ec2(instance.region), instance, {
    waitSeconds: 600,
    signal: ctx.signal,
    // ENIs of a just-terminated instance can hold its security group for about a minute.
    attempts: 12,
    delayMs: 5000,
    onTerminated: () => ctx.output.success(`${instance.name} is terminated.`),
  });
  for (const r of results) {
    if (r.ok) ctx.output.success(`Deleted ${resourceLabel(r.resource)}`);
    else ctx.output.warn(`Could not delete ${resourceLabel(r.resource)}: ${r.error.message}`);
  }
  for (const k of plan.keep) ctx.output.info(`Kept ${resourceLabel(k.resource)}: ${k.reason}`);
  await removeSshHostEntry({
    homedir: ctx.io.homedir,
    platform: ctx.io.platform,
    instanceId: instance.instanceId,
  })
    .then(
      (removed) => removed && ctx.output.info(`Removed \`ssh ${instance.name}\` from ~/.ssh/config.d/spawn`),
    )
    .catch((error: unknown) =>
      ctx.output.warn(`Could not update ~/.ssh/config.d/spawn: ${(error as Error).message}`),
    );
  // Best effort: a schedule left behind fires once at an ended instance and deletes itself; cleanup finds it too.
  const scheduleError = await removeTerminationSchedule(
    aws.scheduler(instance.region),
    instance.instanceId,
    instance.region,
  );
  if (scheduleError)
    ctx.output.warn(
      `Could not delete its cloud schedule: ${scheduleError} (\`spawn cleanup\` finds it later).`,
    );
  return results.filter((r) => !r.ok).length;
}
