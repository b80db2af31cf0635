import { UserError } from '../errors/user-error.ts';
import type { StepContext } from './context.ts';
import type { RollbackReport } from './created-resources.ts';
import { resolveAccount } from './steps/account.ts';
import { resolveImage } from './steps/image.ts';
import { ensureInstanceProfile } from './steps/instance-profile.ts';
import { ensureKeyPair } from './steps/key-pair.ts';
import { ensureNetwork } from './steps/network.ts';
import { runInstance } from './steps/run-instance.ts';
import { ensureSecurityGroup } from './steps/security-group.ts';
import { type WaitFor, waitReady } from './steps/wait-ready.ts';

/** One visible step of a launch; `run` returns the line shown when it is done. */
export interface LaunchStep {
  id: 'account' | 'image' | 'key' | 'network' | 'security-group' | 'iam' | 'instance' | 'wait';
  title: string;
  run: (ctx: StepContext) => Promise<string>;
}

/** The steps of a launch, in order (a dry run stops before waiting). */
export function launchSteps(o: { waitFor: WaitFor; dryRun: boolean }): LaunchStep[] {
  const steps: LaunchStep[] = [
    { id: 'account', title: 'Checking credentials and account', run: resolveAccount },
    { id: 'image', title: 'Finding the machine image', run: resolveImage },
    { id: 'key', title: 'Preparing the SSH key', run: ensureKeyPair },
    { id: 'network', title: 'Finding the network', run: ensureNetwork },
    { id: 'security-group', title: 'Creating the SSH security group', run: ensureSecurityGroup },
    { id: 'iam', title: 'Preparing the spawnd role', run: ensureInstanceProfile },
    { id: 'instance', title: 'Launching the instance', run: runInstance },
  ];
  if (!o.dryRun)
    steps.push({
      id: 'wait',
      title: `Waiting for ${o.waitFor === 'ssh' ? 'SSH' : 'running'}`,
      run: (c) => waitReady(c, o.waitFor),
    });
  return steps;
}

/** Throws the INTERRUPTED UserError (exit 130) once Ctrl-C was pressed. */
export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new UserError('INTERRUPTED', 'Interrupted: the launch was cancelled.');
}

/**
 * Runs `fn`; on any failure deletes exactly what the run created (newest first), tells
 * `onRollback`, and rethrows the original error.
 */
export async function withRollback<T>(
  ctx: StepContext,
  fn: () => Promise<T>,
  onRollback: (report: RollbackReport) => void,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (ctx.created.list().length > 0) onRollback(await ctx.created.rollback());
    throw error;
  }
}
