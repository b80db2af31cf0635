import type { StepContext } from './context.ts';
import { launchUserData } from './launch-user-data.ts';
import { assemblePlan, type LaunchPlan } from './plan.ts';
import type { StepRunner } from './step.ts';
import { resolveAccount } from './steps/account.ts';
import { checkCloudBackstop } from './steps/cloud-backstop.ts';
import { resolveDiskPrice } from './steps/disk-price.ts';
import { resolveImage } from './steps/image.ts';
import { findInstanceProfile } from './steps/instance-profile.ts';
import { findKeyPair } from './steps/key-pair.ts';
import { findNetwork } from './steps/network.ts';
import { resolvePrice } from './steps/price.ts';
import { pinSpawndChecksums } from './steps/spawnd-checksums.ts';

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
  const plan = assemblePlan(ctx.spec, {
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
  // `--user-data` with spawnd's installer over EC2's 16 KB fails here, before anything is created.
  if (plan.spec.userData)
    launchUserData(plan, { version: ctx.environment.version, now: ctx.environment.now() });
  return plan;
}
