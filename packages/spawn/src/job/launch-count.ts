import { Readable } from 'node:stream';
import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { JobSpec } from '@truffle-spawn/core/launch';
import { describeManagedInstances, terminateManagedInstance } from '@truffle-spawn/core/lifecycle';
import type { RunInput } from '../command-table.ts';
import type { Launch } from '../launch/launch-target.ts';
import { isZoneFull, retryZones } from './member-zones.ts';

/** The most instances one `spawn run --count` launches. */
export const MAX_COUNT = 100;
/** Above this, --count needs --yes (a typo such as 100 for 10 is expensive). */
export const CONFIRM_COUNT_ABOVE = 10;
const CAPACITY = new Set([
  'EC2_CAPACITY_UNAVAILABLE',
  'EC2_UNSUPPORTED_IN_AZ',
  'SPOT_MAX_PRICE_TOO_LOW',
  'EC2_QUOTA_EXCEEDED',
]);

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
 * Records piped in with --count: standard input is read once, and each member launches from its
 * own copy (members run concurrently; a stream can be read only once).
 */
export async function stdinReplayable(
  ctx: CommandContext,
  input: RunInput,
  count: number,
): Promise<() => CommandContext> {
  if (count < 2 || input.instanceType || ctx.io.stdin.isTTY) return () => ctx;
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks);
  return () => ({ ...ctx, io: { ...ctx.io, stdin: Readable.from([text]) } });
}

/** How many members launch at once: fast for large counts, gentle on API rate limits. */
export const COUNT_CONCURRENCY = 4;

/**
 * N launches, one per instance (each with its own plan, rollback and backstop), named NAME-i with
 * SPAWN_INDEX i and the shared spawn:group NAME, at most COUNT_CONCURRENCY at a time. A member
 * refused for capacity in its AZ is tried in the region's other AZs offering the type. When one
 * still fails, no further member starts; those in flight finish, then: with --partial and a
 * capacity or quota failure the launched ones are kept (and listed), otherwise terminated.
 */
export async function launchCount(
  ctx: CommandContext,
  input: RunInput,
  job: JobSpec,
  count: number,
  launchOne: (input: RunInput, job: JobSpec) => Promise<Launch | undefined>,
): Promise<Launch[]> {
  const group = input.name ?? `spawn-run-${Math.floor(ctx.io.now().getTime() / 1000).toString(36)}`;
  const zones = retryZones(ctx, input);
  const launched: { index: number; launch: Launch }[] = [];
  let failure: { index: number; error: unknown } | undefined;
  let next = 0;
  const member = async (i: number) => {
    const name = `${group}-${i}`;
    const memberJob = { ...job, count, indexOffset: i, group };
    try {
      return await launchOne({ ...input, name }, memberJob);
    } catch (error) {
      if (!isZoneFull(error)) throw error;
      let last = error;
      for (const az of await zones()) {
        if (failure) break;
        ctx.output.warn(`${name}: ${(last as Error).message}\n  Trying ${az}.`);
        try {
          return await launchOne({ ...input, name, az }, memberJob);
        } catch (e) {
          if (!isZoneFull(e)) throw e;
          last = e;
        }
      }
      throw last;
    }
  };
  const worker = async () => {
    while (!failure && !ctx.signal.aborted && next < count) {
      const i = next++;
      try {
        const one = await member(i);
        if (one) launched.push({ index: i, launch: one });
      } catch (error) {
        failure ??= { index: i, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(COUNT_CONCURRENCY, count) }, worker));
  // Ctrl-C between members: the rest never started, which is a failure like any other.
  if (!failure && next < count)
    failure = { index: next, error: new UserError('INTERRUPTED', 'Interrupted: the launch was cancelled.') };
  const done = launched.sort((a, b) => a.index - b.index).map((l) => l.launch);
  if (!failure) return done;
  const { index, error } = failure;
  if (done.length === 0) throw error;
  const names = done.map((l) => l.plan.spec.name).join(', ');
  const code = (error as { code?: string }).code ?? '';
  if (input.partial && CAPACITY.has(code)) {
    ctx.output.warn(`Only ${done.length} of ${count} launched (${names}); kept (--partial).`);
    return done;
  }
  ctx.output.warn(`Instance ${index} of ${count} failed; terminating the ${done.length} launched: ${names}`);
  await rollBack(ctx, done);
  throw error;
}

async function rollBack(ctx: CommandContext, launched: Launch[]): Promise<void> {
  const aws = await ctx.aws(['ec2']);
  // All at once: each waits for its instance to end (minutes, for a large group one by one).
  await Promise.all(
    launched.map(async ({ plan, instance }) => {
      const ec2 = aws.ec2(plan.spec.region);
      const [managed] = await describeManagedInstances(ec2, plan.spec.region, {
        instanceIds: [instance.instanceId],
      });
      if (!managed) return;
      await terminateManagedInstance(ec2, managed, { waitSeconds: 600, attempts: 12, delayMs: 5000 }).then(
        () => ctx.output.info(`  terminated ${plan.spec.name} (${instance.instanceId})`),
        (e: unknown) =>
          ctx.output.warn(`  could NOT terminate ${instance.instanceId}: ${(e as Error).message}`),
      );
    }),
  );
}
