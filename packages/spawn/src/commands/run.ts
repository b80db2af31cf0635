import { parseDuration, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { JobSpec } from '@truffle-spawn/core/launch';
import type { RunInput } from '../command-table.ts';
import { hasUploads, resolveUploads } from '../job/job-uploads.ts';
import { checkCount, checkCountQuotaFirst, launchCount } from '../job/launch-count.ts';
import { launchedSshTarget } from '../job/ssh-target.ts';
import { uploadJobFiles } from '../job/upload-job-files.ts';
import { launchCommand } from './launch.ts';

/** The longest --complete-delay: beyond a day, keep the instance and end it yourself. */
const MAX_COMPLETE_DELAY_MS = 86_400_000;

/**
 * `spawn run [launch flags] -- CMD ARGS`: a launch exactly like `spawn` (flags or a pipe; never
 * the wizard) whose instance runs CMD as a systemd unit and is ended by spawnd when it ends.
 */
export async function run(ctx: CommandContext, input: RunInput): Promise<void> {
  const job = buildJob(input);
  const { uploads, command } = resolveUploads(
    { command: job.command, sync: input.sync, exclude: input.exclude, env: input.env },
    { cwd: ctx.io.cwd, env: ctx.io.env },
  );
  const awaitUpload = hasUploads(uploads);
  if (awaitUpload && (input.wait ?? 'ssh') !== 'ssh') {
    throw new UserError(
      'USAGE',
      `--sync, --env and a local script are copied over SSH, which --wait ${input.wait} skips.`,
      {
        hint: 'Drop --wait (it waits for SSH by default).',
      },
    );
  }
  const count = checkCount(input);
  await checkCountQuotaFirst(ctx, input, count);
  const jobSpec = { ...job, command, awaitUpload };
  const launched =
    count > 1
      ? await launchCount(ctx, input, jobSpec, count, (i, o) => launchCommand(ctx, i, o))
      : await launchCommand(ctx, input, { job: jobSpec });
  if (!awaitUpload) return;
  for (const { plan, instance } of launched) {
    const ssh = launchedSshTarget({
      platform: ctx.io.platform,
      keyPath: instance.keyPath,
      user: plan.spec.user,
      publicIp: instance.publicIp,
      name: plan.spec.name,
    });
    await uploadJobFiles(ctx, ssh, uploads, plan.spec.name);
  }
}

/** The job from the flags, validated before any prompt or AWS call. */
export function buildJob(input: RunInput): JobSpec {
  const command = input.command ?? [];
  if (command.length === 0 || command[0] === '') {
    throw new UserError('USAGE', 'spawn run needs a command.', {
      hint: 'Give it after --, e.g. spawn run --instance-type t3.micro -- python train.py',
    });
  }
  const completeDelayMs = parseDuration(input.completeDelay ?? '1m', '--complete-delay');
  if (completeDelayMs > MAX_COMPLETE_DELAY_MS) {
    throw new UserError(
      'INVALID_DURATION',
      `Invalid --complete-delay "${input.completeDelay}": at most 1d.`,
      {
        hint: 'For longer, use --on-complete keep (the TTL and idle timeout still end it).',
      },
    );
  }
  return {
    command,
    onComplete: input.onComplete,
    completeDelayMs,
    count: 1,
    indexOffset: 0,
    awaitUpload: false,
  };
}
