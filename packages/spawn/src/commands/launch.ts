import { isUserError, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { LaunchTarget } from '@truffle-spawn/core/launch';
import { LAUNCH_SERVICES } from '../launch/aws-services.ts';
import type { LaunchOptions } from '../launch/launch-options.ts';
import { launchTarget } from '../launch/launch-target.ts';
import { chooseMode } from '../launch/mode.ts';
import { resolveSshCidr } from '../launch/ssh-cidr.ts';

// Only "this place has no room" moves --try-all on; quota, permission and credential errors never do.
const TRY_NEXT = new Set(['EC2_CAPACITY_UNAVAILABLE', 'EC2_UNSUPPORTED_IN_AZ', 'SPOT_MAX_PRICE_TOO_LOW']);

/** `spawn` / `spawn launch`: flags, a pipe of truffle records, or the wizard. */
export async function run(ctx: CommandContext, opts: LaunchOptions): Promise<void> {
  const mode = chooseMode({ instanceType: opts.instanceType, stdinIsTTY: Boolean(ctx.io.stdin.isTTY) });
  if (mode === 'wizard') {
    const { runWizard } = await import('../launch/wizard.ts');
    const answers = await runWizard(ctx, opts);
    return launchTarget(ctx, answers.target, { ...opts, ...answers.flags });
  }
  const sshCidr = await resolveSshCidr(opts.sshCidr);
  if (mode === 'flags') {
    const aws = await ctx.aws(LAUNCH_SERVICES);
    const target: LaunchTarget = {
      instanceType: opts.instanceType ?? '',
      region: ctx.opts.region ?? aws.defaultRegion,
      market: opts.spot ? 'spot' : 'on-demand',
    };
    return launchTarget(ctx, target, { ...opts, sshCidr });
  }
  // Loaded only for pipes: it pulls in the zod protocol schemas.
  const { readPipeCandidates } = await import('../launch/pipe-targets.ts');
  const candidates = await readPipeCandidates(ctx.io.stdin, opts);
  for (const [i, candidate] of candidates.entries()) {
    try {
      return await launchTarget(ctx, candidate.target, { ...opts, sshCidr });
    } catch (error) {
      const next = candidates[i + 1];
      if (!next || !isUserError(error) || !TRY_NEXT.has(error.code)) throw error;
      ctx.output.warn(`${error.message}\n  Trying the next record (line ${next.lineNumber}).`);
    }
  }
  throw new UserError('INVALID_INPUT', 'Nothing to launch.');
}
