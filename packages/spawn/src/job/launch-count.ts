import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { JobSpec } from '@truffle-spawn/core/launch';
import type { RunInput } from '../command-table.ts';
import type { Launch, LaunchGroup } from '../launch/launch-target.ts';

/** The most instances one `spawn run --count` launches. */
export const MAX_COUNT = 100;
/** Above this, --count needs --yes (a typo such as 100 for 10 is expensive). */
export const CONFIRM_COUNT_ABOVE = 10;

/** `--count` checked before anything is created. */
export function checkCount(input: RunInput): number {
  const count = input.count ?? 1;
  if (count > MAX_COUNT) {
    throw new UserError('INVALID_INPUT', `--count ${count}: at most ${MAX_COUNT} instances per run.`, {
      hint: 'Split the work into several runs (each has its own --name group), and check your vCPU quota: truffle quotas',
    });
  }
  if (count > CONFIRM_COUNT_ABOVE && !input.yes) {
    throw new UserError('USAGE', `--count ${count} launches ${count} instances: confirm with --yes.`, {
      hint: `Above ${CONFIRM_COUNT_ABOVE} instances spawn asks for --yes, so a typo cannot launch a fleet.`,
    });
  }
  if (count > 1 && input.name !== undefined && input.name.length > 58)
    throw new UserError(
      'INVALID_INPUT',
      `--name ${input.name}: at most 58 characters with --count (NAME-N).`,
    );
  return count;
}

/**
 * Flags mode: N × the type's vCPUs against the account's quota, before anything is created. A
 * quota that cannot be read (no permission, an emulator) is a warning: EC2 still refuses later.
 */
export async function checkCountQuotaFirst(
  ctx: CommandContext,
  input: RunInput,
  count: number,
): Promise<void> {
  if (count < 2 || !input.instanceType) return;
  const aws = await ctx.aws(['ec2', 'service-quotas']);
  const region = ctx.opts.region ?? aws.defaultRegion;
  const { checkCountQuota } = await import('@truffle-spawn/core/quotas');
  try {
    await checkCountQuota(aws.serviceQuotas(region), aws.ec2(region), {
      region,
      instanceType: input.instanceType,
      spot: Boolean(input.spot),
      count,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'EC2_QUOTA_EXCEEDED') throw error;
    ctx.output.warn(
      `Could not check the vCPU quota for --count ${count} (${(error as Error).message}); launching anyway.`,
    );
  }
}

/**
 * `--count N` as one launch of N instances named NAME-0..N-1 with the shared spawn:group NAME
 * (core's createGroupLaunch: one plan, one security group, RunInstances for N, the rest in the
 * region's next AZs unless the place is pinned by --az or --subnet). Short of N, everything is
 * rolled back, unless --partial keeps what launched.
 */
export async function launchCount(
  ctx: CommandContext,
  input: RunInput,
  job: JobSpec,
  count: number,
  launch: (input: RunInput, o: { job: JobSpec; group: LaunchGroup }) => Promise<Launch[]>,
): Promise<Launch[]> {
  const group = input.name ?? `spawn-run-${Math.floor(ctx.io.now().getTime() / 1000).toString(36)}`;
  return launch(
    { ...input, name: group },
    {
      job: { ...job, count, indexOffset: 0, group },
      group: {
        count,
        partial: Boolean(input.partial),
        moveZones: input.az === undefined && input.subnet === undefined,
      },
    },
  );
}
