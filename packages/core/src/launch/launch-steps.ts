import { UserError } from '../errors/user-error.ts';
import { adoptStrays } from './adopt-strays.ts';
import type { StepContext } from './context.ts';
import type { RollbackReport } from './created-resources.ts';
import { resolveAccount } from './steps/account.ts';
import { armCloudBackstop, checkCloudBackstop } from './steps/cloud-backstop.ts';
import { resolveDiskPrice } from './steps/disk-price.ts';
import { resolveImage } from './steps/image.ts';
import { ensureInstanceProfile, findInstanceProfile } from './steps/instance-profile.ts';
import { ensureKeyPair, findKeyPair } from './steps/key-pair.ts';
import { ensureNetwork, findNetwork } from './steps/network.ts';
import { resolvePrice } from './steps/price.ts';
import { runInstance } from './steps/run-instance.ts';
import { ensureSecurityGroup } from './steps/security-group.ts';
import { pinSpawndChecksums } from './steps/spawnd-checksums.ts';
import { type WaitFor, waitRunning } from './steps/wait-ready.ts';

/** One visible step of a launch; `run` returns the line shown when it is done. */
export interface LaunchStep {
  id: string;
  title: string;
  run: (ctx: StepContext) => Promise<string>;
}

/**
 * The read-only lookups, independent of each other: run them concurrently (they write disjoint
 * state fields and create nothing, so they may run before the user confirms). Report a failure by
 * the first failing step in this order, so the error does not depend on which call lost a race.
 */
export function lookupSteps(): LaunchStep[] {
  return [
    { id: 'account', title: 'Checking credentials and account', run: resolveAccount },
    { id: 'image', title: 'Finding the machine image', run: resolveImage },
    { id: 'key', title: 'Looking for the SSH key', run: findKeyPair },
    { id: 'network', title: 'Finding the network', run: findNetwork },
    { id: 'iam', title: 'Looking for the spawnd role', run: findInstanceProfile },
    { id: 'price', title: 'Looking up the price', run: resolvePrice },
    { id: 'disk-price', title: 'Looking up the disk price', run: resolveDiskPrice },
    { id: 'spawnd', title: 'Pinning the spawnd checksums', run: pinSpawndChecksums },
    { id: 'backstop', title: 'Checking the cloud backstop permissions', run: checkCloudBackstop },
  ];
}

/** A step run on its own, or a titled group of steps that run concurrently. */
export type LaunchStepItem = LaunchStep | { title: string; concurrent: LaunchStep[] };

/**
 * The steps that create things, ending with the wait for `running`: the SSH key, the network with
 * its security group, and spawnd's role depend on nothing but the lookups, so they are prepared
 * concurrently (on an account's first launch the role alone is several IAM calls in a row); the
 * first failure cancels the others and nothing after the group runs, so RunInstances is never sent
 * after a failed preparation. A dry run checks permissions instead and stops before waiting.
 */
export function createSteps(o: { waitFor: WaitFor; dryRun: boolean }): LaunchStepItem[] {
  const items: LaunchStepItem[] = [
    {
      title: 'Preparing the SSH key, network and spawnd role',
      concurrent: [
        { id: 'key', title: 'Preparing the SSH key', run: ensureKeyPair },
        {
          id: 'network',
          title: 'Preparing the network and the SSH security group',
          run: async (ctx) => `${await ensureNetwork(ctx)}; ${await ensureSecurityGroup(ctx)}`,
        },
        { id: 'iam', title: 'Preparing the spawnd role', run: ensureInstanceProfile },
      ],
    },
    { id: 'instance', title: 'Launching the instance', run: runInstance },
    // After-instance steps go here: `state.instanceId` is set and a failure rolls back the instance.
    // What such a step creates for this launch alone goes into `ctx.created` (created-resources.ts).
    { id: 'backstop', title: 'Arming the cloud backstop', run: armCloudBackstop },
  ];
  if (!o.dryRun && o.waitFor !== 'none')
    items.push({ id: 'wait', title: 'Waiting for running', run: waitRunning });
  return items;
}

/** Runs step items in order, each group concurrently (what the CLI does, without the progress display). */
export async function runStepItems(items: LaunchStepItem[], ctx: StepContext): Promise<string[]> {
  const lines: string[] = [];
  for (const item of items) {
    if (ctx.signal) throwIfInterrupted(ctx.signal);
    if ('concurrent' in item) lines.push(...(await runConcurrently(item.concurrent, ctx)));
    else lines.push(await item.run(ctx));
  }
  return lines;
}

/**
 * Runs steps concurrently; the first failure cancels the others (their context's `cancelled`: no
 * new call starts, one in flight finishes and is journalled), then waits until all have settled,
 * so what they created is in the journal before a rollback reads it, and throws that first real
 * failure (not a sibling's cancellation).
 */
export async function runConcurrently(steps: LaunchStep[], ctx: StepContext): Promise<string[]> {
  const controller = new AbortController();
  const cancelled = ctx.cancelled ? AbortSignal.any([ctx.cancelled, controller.signal]) : controller.signal;
  const group: StepContext = { ...ctx, cancelled };
  let first: { error: unknown } | undefined;
  const results = await Promise.allSettled(
    steps.map((s) =>
      s.run(group).catch((error: unknown) => {
        if (!first && !controller.signal.aborted) first = { error };
        controller.abort();
        throw error;
      }),
    ),
  );
  if (first) throw first.error;
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r.status === 'fulfilled' ? r.value : ''));
}

/** Throws the INTERRUPTED UserError (exit 130) once Ctrl-C was pressed. */
export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new UserError('INTERRUPTED', 'Interrupted: the launch was cancelled.');
}

/**
 * Runs `fn`; on any failure deletes what this launch OWNS (never shared resources), tells
 * `onRollback`, and rethrows the original error, unless the instance could not be terminated:
 * then its security group and key are kept for it and the error is INSTANCE_NOT_TERMINATED
 * (exit 7), naming the instance and how to end it.
 */
export async function withRollback<T>(
  ctx: StepContext,
  fn: () => Promise<T>,
  onRollback: (report: RollbackReport) => void,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    await adoptStrays(ctx, AbortSignal.timeout(60_000));
    if (ctx.created.list().length === 0) throw error;
    const report = await ctx.created.rollback();
    onRollback(report);
    if (report.survivor) throw survivorError(ctx, report, error);
    throw error;
  }
}

function survivorError(ctx: StepContext, report: RollbackReport, cause: unknown): UserError {
  const id = report.survivor as string;
  const kept = report.kept.map((r) => `${r.kind} ${r.id}`).join(', ');
  return new UserError(
    'INSTANCE_NOT_TERMINATED',
    `The launch failed and its instance ${id} could not be terminated: it is still running (and billing)${kept ? `; kept for it: ${kept}` : ''}.`,
    {
      hint: `End it with \`spawn terminate ${id}\` (or \`aws ec2 terminate-instances --region ${ctx.spec.region} --instance-ids ${id}\`), then \`spawn cleanup\`.`,
      cause,
      details: { instanceId: id, region: ctx.spec.region, kept: report.kept },
    },
  );
}
