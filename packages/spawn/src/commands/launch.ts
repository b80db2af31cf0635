import { isUserError, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { JobSpec, LaunchTarget } from '@truffle-spawn/core/launch';
import { parseOrgFlags } from '@truffle-spawn/core/launch';
import type { LaunchInput } from '../command-table.ts';
import { launchServices } from '../launch/aws-services.ts';
import { withConfigDefaults } from '../launch/launch-options.ts';
import { type Launch, type LaunchGroup, launchTarget } from '../launch/launch-target.ts';
import { chooseMode } from '../launch/mode.ts';
import type { Candidate } from '../launch/pipe-targets.ts';
import { resolveSshCidr } from '../launch/ssh-cidr.ts';
import { readUserDataFile } from '../launch/user-data-file.ts';

// Only "this place has no room" moves --try-all on; quota, permission and credential errors never do.
const TRY_NEXT = new Set(['EC2_CAPACITY_UNAVAILABLE', 'EC2_UNSUPPORTED_IN_AZ', 'SPOT_MAX_PRICE_TOO_LOW']);

/**
 * `spawn` / `spawn launch`: flags, a pipe of truffle records, or the wizard. After a signal, an
 * error that is not a UserError (an aborted prompt or fetch) is INTERRUPTED, never a stack trace.
 */
export async function run(ctx: CommandContext, input: LaunchInput): Promise<void> {
  await launchCommand(ctx, input);
}

/**
 * The launch itself, shared with `spawn run` (which passes its job, and its `--count` group, and
 * allows no wizard): resolves with what was launched (none for a dry run). The config file fills
 * what the flags left out.
 */
export async function launchCommand(
  ctx: CommandContext,
  input: LaunchInput,
  o: { job?: JobSpec; group?: LaunchGroup } = {},
): Promise<Launch[]> {
  return launch(ctx, await withConfigDefaults(ctx, input), o).catch((error: unknown) => {
    if (!ctx.signal.aborted || isUserError(error)) throw error;
    throw new UserError('INTERRUPTED', 'Interrupted: the launch was cancelled.', { cause: error });
  });
}

async function launch(
  ctx: CommandContext,
  input: LaunchInput,
  o: { job?: JobSpec; group?: LaunchGroup },
): Promise<Launch[]> {
  // Checked before any prompt, pipe read or AWS call: a cap on an on-demand launch would be ignored.
  if (input.maxPrice !== undefined && !input.spot) {
    throw new UserError('USAGE', '--max-price is a Spot cap, but --spot was not given.', {
      hint: 'Add --spot to launch on Spot with that cap, or drop --max-price.',
    });
  }
  // --tag, --subnet... and --user-data: usage errors before any prompt, pipe read or AWS call.
  parseOrgFlags(input);
  const userDataFile = input.userData === undefined ? undefined : await readUserDataFile(input.userData);
  // --security-group alone: the user's groups decide who reaches SSH; spawn makes no group of its own.
  const sshGroup = input.securityGroup.length === 0 || input.sshCidr !== undefined;
  const mode = chooseMode({ instanceType: input.instanceType, stdinIsTTY: Boolean(ctx.io.stdin.isTTY) });
  if (mode === 'wizard' && o.job) {
    throw new UserError('USAGE', 'spawn run needs --instance-type, or truffle records piped in.', {
      hint: 'e.g. spawn run --instance-type t3.micro -- CMD, or truffle search ... | spawn run --yes -- CMD',
    });
  }
  if (mode === 'wizard') {
    const { runWizard } = await import('../launch/wizard.ts');
    const answers = await runWizard(ctx, input);
    return launchTarget(ctx, answers.target, {
      ...input,
      ...answers.flags,
      sshCidr: sshGroup ? answers.flags.sshCidr : undefined,
      userDataFile,
      why: `${answers.target.instanceType} was your answer in the wizard`,
    });
  }
  // A piped spot offer is Spot without --spot; flags mode has only the flag to go by.
  if (mode === 'flags' && input.fallbackOnDemand && !input.spot) {
    throw new UserError('USAGE', '--fallback-on-demand is for Spot launches, but --spot was not given.', {
      hint: 'Add --spot (on-demand capacity is what it falls back to), or drop --fallback-on-demand.',
    });
  }
  const sshCidr = sshGroup ? await resolveSshCidr(input.sshCidr, ctx.io.env) : undefined;
  if (mode === 'flags') {
    const aws = await ctx.aws(launchServices());
    const target: LaunchTarget = {
      instanceType: input.instanceType ?? '',
      region: ctx.opts.region ?? aws.defaultRegion,
      market: input.spot ? 'spot' : 'on-demand',
    };
    return launchTarget(ctx, target, {
      ...input,
      ...o,
      sshCidr,
      userDataFile,
      why: `--instance-type ${target.instanceType}`,
    });
  }
  // Loaded only for pipes: it pulls in the zod protocol schemas.
  const { readPipeCandidates } = await import('../launch/pipe-targets.ts');
  const candidates = await readPipeCandidates(ctx.io.stdin, input);
  for (const [i, candidate] of candidates.entries()) {
    // On-demand only once every record's AZ was tried on Spot: the last record falls back.
    const fallbackOnDemand = Boolean(input.fallbackOnDemand) && i === candidates.length - 1;
    try {
      return await launchTarget(ctx, candidate.target, {
        ...input,
        ...o,
        // A record is its own place: the group is never moved to another AZ.
        group: o.group && { ...o.group, moveZones: false },
        fallbackOnDemand,
        sshCidr,
        userDataFile,
        why: pipeWhy(candidate),
      });
    } catch (error) {
      const next = candidates[i + 1];
      if (!next || !isUserError(error) || !TRY_NEXT.has(error.code)) throw error;
      ctx.output.warn(`${error.message}\n  Trying the next record (line ${next.lineNumber}).`);
    }
  }
  throw new UserError('INVALID_INPUT', 'Nothing to launch.');
}

/** Why a piped record's type is launched: the record's line and how it was chosen. */
function pipeWhy(candidate: Candidate): string {
  const how = 'why' in candidate && typeof candidate.why === 'string' ? `: ${candidate.why}` : '';
  return `${candidate.target.instanceType} from line ${candidate.lineNumber} of standard input${how}`;
}
