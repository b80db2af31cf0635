import { UserError } from '../errors/user-error.ts';
import { adoptStrays } from './adopt-strays.ts';
import type { StepContext } from './context.ts';
import type { RollbackReport } from './created-resources.ts';
import { type LaunchOutcome, type Prepared, preparedZone } from './launch-result.ts';
import { assemblePlan, type LaunchPlan } from './plan.ts';
import type { Step, StepRunner, StepValues } from './step.ts';
import { resolveAccount } from './steps/account.ts';
import { armBackstop, checkCloudBackstop, noteBackstop } from './steps/cloud-backstop.ts';
import { resolveDiskPrice } from './steps/disk-price.ts';
import { resolveImage } from './steps/image.ts';
import { ensureInstanceProfile, findInstanceProfile } from './steps/instance-profile.ts';
import { ensureKeyPair, findKeyPair } from './steps/key-pair.ts';
import { ensureNetwork, findNetwork } from './steps/network.ts';
import { resolvePrice } from './steps/price.ts';
import { dryRunInstance, type ReadyResources, runInstance } from './steps/run-instance.ts';
import { ensureSecurityGroup } from './steps/security-group.ts';
import { pinSpawndChecksums } from './steps/spawnd-checksums.ts';
import { type WaitFor, waitRunning } from './steps/wait-ready.ts';

/**
 * The read-only lookups, independent of each other: run them concurrently (they create nothing, so
 * they may run before the user confirms). Report a failure by the first failing step in this
 * order, so the error does not depend on which call lost a race.
 */
export function lookupSteps() {
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
  ] as const;
}

/** Runs the lookups (creating nothing) and puts their answers together as the launch plan. */
export async function planLaunch(ctx: StepContext, run: StepRunner): Promise<LaunchPlan> {
  const [account, image, key, network, instanceProfile, price, diskPrice, spawnd, backstop] = await run.group(
    'Looking up',
    lookupSteps(),
  );
  return assemblePlan(ctx.spec, {
    account,
    image,
    key,
    network,
    instanceProfile,
    price,
    diskPrice,
    spawnd,
    backstop,
  });
}

/**
 * Creates what the plan says, ending with the wait for `running`: the SSH key, the network with
 * its security group, and spawnd's role depend on nothing but the plan, so they are prepared
 * concurrently (on an account's first launch the role alone is several IAM calls in a row); the
 * first failure cancels the others and nothing after the group runs, so RunInstances is never sent
 * after a failed preparation. A dry run checks permissions instead and stops before waiting.
 * What the launch owns goes into `ctx.created` as it is made (the caller's `withRollback` undoes it).
 */
export async function createLaunch(
  ctx: StepContext,
  plan: LaunchPlan,
  run: StepRunner,
  o: { waitFor: WaitFor },
): Promise<LaunchOutcome> {
  const [key, { network, securityGroup }, profile] = await run.group(
    'Preparing the SSH key, network and spawnd role',
    [
      { id: 'key', title: 'Preparing the SSH key', run: (c) => ensureKeyPair(c, plan.key) },
      {
        id: 'network',
        title: 'Preparing the network and the SSH security group',
        run: async (c) => {
          const net = await ensureNetwork(c, plan.network);
          const group = await ensureSecurityGroup(c, net.value);
          return {
            line: `${net.line}; ${group.line}`,
            value: { network: net.value, securityGroup: group.value },
          };
        },
      },
      {
        id: 'iam',
        title: 'Preparing the spawnd role',
        run: (c) => ensureInstanceProfile(c, plan.instanceProfile),
      },
    ] as const,
  );
  const prepared: Prepared = { key, network, securityGroup, profile };
  if (ctx.environment.dryRun) {
    await run.step({
      id: 'instance',
      title: 'Launching the instance',
      run: (c) => dryRunInstance(c, plan, prepared),
    });
    await run.step({
      id: 'backstop',
      title: 'Arming the cloud backstop',
      run: (c) => noteBackstop(c, plan.spec),
    });
    return { kind: 'dry-run' };
  }
  const ready = readyResources(prepared);
  const started = await run.step({
    id: 'instance',
    title: 'Launching the instance',
    run: (c) => runInstance(c, plan, ready),
  });
  // After-instance steps go here: a failure rolls back the instance. What such a step creates for
  // this launch alone goes into `ctx.created` (created-resources.ts).
  const { instanceId } = started;
  const backstop = await run.step({
    id: 'backstop',
    title: 'Arming the cloud backstop',
    run: (c) => armBackstop(c, { spec: plan.spec, accountId: plan.account.id, instanceId }),
  });
  const running =
    o.waitFor === 'none'
      ? { publicIp: undefined, privateIp: started.privateIp }
      : await run.step({ id: 'wait', title: 'Waiting for running', run: (c) => waitRunning(c, started) });
  return {
    kind: 'launched',
    instance: {
      instanceId,
      zone: preparedZone(network),
      keyName: key.name,
      keyPath: key.local.privatePath,
      publicIp: running.publicIp,
      privateIp: running.privateIp,
      backstop,
    },
  };
}

/** What RunInstances references; outside a dry run every preparation made its resource. */
function readyResources(p: Prepared): ReadyResources {
  if (p.network.kind !== 'ready' || p.securityGroup.kind !== 'created')
    throw new Error('the preparation left the network or security group unmade outside a dry run');
  return {
    keyName: p.key.name,
    subnetId: p.network.subnetId,
    securityGroupId: p.securityGroup.groupId,
    profileName: p.profile.name,
    key: p.key,
  };
}

/** Runs steps silently: what the CLI does, without the progress display. */
export function plainRunner(ctx: StepContext): StepRunner {
  return {
    async step(step) {
      if (ctx.signal) throwIfInterrupted(ctx.signal);
      return (await step.run(ctx)).value;
    },
    async group(_title, steps) {
      if (ctx.signal) throwIfInterrupted(ctx.signal);
      return runConcurrently(steps, ctx);
    },
  };
}

/**
 * Runs steps concurrently; the first failure cancels the others (their context's `cancelled`: no
 * new call starts, one in flight finishes and is journalled), then waits until all have settled,
 * so what they created is in the journal before a rollback reads it, and throws that first real
 * failure (not a sibling's cancellation). Returns each step's value, in order.
 */
export async function runConcurrently<S extends readonly Step<unknown>[]>(
  steps: readonly [...S],
  ctx: StepContext,
): Promise<StepValues<S>> {
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
  const values: unknown[] = [];
  for (const r of results) {
    if (r.status === 'rejected') throw r.reason;
    values.push(r.value.value);
  }
  return values as StepValues<S>;
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
