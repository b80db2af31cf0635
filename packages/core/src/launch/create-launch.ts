import type { StepContext } from './context.ts';
import { type BackstopOutcome, type LaunchOutcome, type Prepared, preparedZone } from './launch-result.ts';
import { launchedInstance } from './launched-instance.ts';
import type { LaunchPlan } from './plan.ts';
import type { Step, StepRunner } from './step.ts';
import { armBackstop, type BackstopReady, noteBackstop, prepareBackstop } from './steps/cloud-backstop.ts';
import { ensureInstanceProfile } from './steps/instance-profile.ts';
import { ensureKeyPair } from './steps/key-pair.ts';
import { ensureNetwork } from './steps/network.ts';
import { dryRunInstance, type ReadyResources, runInstance, tagCreated } from './steps/run-instance.ts';
import { ensureSecurityGroup } from './steps/security-group.ts';
import { type WaitFor, waitRunning } from './steps/wait-ready.ts';

/**
 * Creates what the plan says, ending with the wait for `running`: the preparation runs
 * concurrently (prepareLaunch); the first failure cancels the others and nothing after the group
 * runs, so RunInstances is never sent after a failed preparation. A dry run checks permissions
 * instead and stops before waiting. What the launch owns goes into `ctx.created` as it is made
 * (the caller's `withRollback` undoes it).
 */
export async function createLaunch(
  ctx: StepContext,
  plan: LaunchPlan,
  run: StepRunner,
  o: { waitFor: WaitFor },
): Promise<LaunchOutcome> {
  const { prepared, backstopReady } = await prepareLaunch(plan, run);
  const { key, network } = prepared;
  if (ctx.environment.dryRun) {
    await dryRunSteps(plan, run, prepared);
    return { kind: 'dry-run' };
  }
  const ready = readyResources(prepared, plan.spec.securityGroupIds ?? []);
  const started = await run.step({
    id: 'instance',
    title: 'Launching the instance',
    run: (c) => runInstance(c, plan, ready),
  });
  // After-instance steps go here: a failure rolls back the instance. What such a step creates for
  // this launch alone goes into `ctx.created` (created-resources.ts).
  const { instanceId } = started;
  // The schedules, the spawn:parent tags and the wait need only the instance id: all at once (the
  // backstop never fails the launch; a failed tag or wait cancels the others, lets a schedule on the
  // wire finish and be journalled, then rolls back).
  const tags: Step<undefined> = {
    id: 'tags',
    title: 'Tagging what the launch created with its instance',
    run: (c) => tagCreated(c, instanceId),
  };
  const arm: Step<BackstopOutcome> = {
    id: 'backstop',
    title: 'Arming the cloud backstop',
    run: (c) => armBackstop(c, { spec: plan.spec, accountId: plan.account.id, instanceId }, backstopReady),
  };
  const [backstop, running] =
    o.waitFor === 'none'
      ? [
          (await run.group('Arming the cloud backstop', [arm, tags] as const))[0],
          { publicIp: undefined, privateIp: started.privateIp },
        ]
      : await run.group('Arming the cloud backstop and waiting for running', [
          arm,
          { id: 'wait', title: 'Waiting for running', run: (c) => waitRunning(c, started) },
          tags,
        ] as const);
  return {
    kind: 'launched',
    instance: launchedInstance({ started, zone: preparedZone(network), key, running, backstop }),
  };
}

/**
 * The SSH key, the network with its security group, spawnd's role, and the backstop's scheduler
 * role and schedule group, concurrently: they depend on nothing but the plan (on an account's
 * first launch each role is several IAM calls in a row). The first failure cancels the others.
 * A `--count` group prepares once and arms each member's backstop with the same `backstopReady`.
 */
export async function prepareLaunch(
  plan: LaunchPlan,
  run: StepRunner,
): Promise<{ prepared: Prepared; backstopReady: BackstopReady }> {
  const [key, { network, securityGroup }, profile, backstopReady] = await run.group(
    'Preparing the SSH key, network, spawnd role and cloud backstop',
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
      {
        id: 'backstop-role',
        title: 'Preparing the cloud backstop role and schedule group',
        run: (c) => prepareBackstop(c, { accountId: plan.account.id, plan: plan.backstop }),
      },
    ] as const,
  );
  return { prepared: { key, network, securityGroup, profile }, backstopReady };
}

/** A dry run: RunInstances' permission check and what the backstop would create. */
export async function dryRunSteps(plan: LaunchPlan, run: StepRunner, prepared: Prepared): Promise<void> {
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
}

/** What RunInstances references; outside a dry run every preparation made its resource. */
export function readyResources(p: Prepared, given: readonly string[]): ReadyResources {
  if (p.network.kind !== 'ready' || p.securityGroup.kind === 'planned')
    throw new Error('the preparation left the network or security group unmade outside a dry run');
  const own = p.securityGroup.kind === 'created' ? [p.securityGroup.groupId] : [];
  return {
    keyName: p.key.name,
    subnetId: p.network.subnetId,
    securityGroupIds: [...given, ...own],
    profileName: p.profile.name,
    key: p.key,
  };
}
