import type { JobRecord } from '@truffle-spawn/core';
import { parseDuration, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { JobExitError, jobRecordOf, waitForJob } from '@truffle-spawn/core/lifecycle';
import type { JobWaitInput } from '../command-table.ts';
import { nameOrGroup } from './_targets.ts';

/**
 * `spawn wait NAME` (or `--group G`): polls the tags until the job ends, each state change on
 * stderr, one `job` record per instance on stdout; exits 0, the job's exit code (the first failed
 * one of a group, by name), or JOB_LOST (9) when an instance ended before its job did.
 */
export async function run(ctx: CommandContext, { name, interval, group }: JobWaitInput): Promise<void> {
  const intervalMs = parseDuration(interval ?? '15s', '--interval');
  if ((name === undefined) === (group === undefined))
    throw new UserError('USAGE', 'spawn wait takes a NAME or --group G (one of them).');
  const aws = await ctx.aws(['ec2']);
  const instances = await nameOrGroup(ctx, aws, { name, group, live: false });
  for (const i of instances) jobRecordOf(i); // no job: a usage error before any polling
  const out = ctx.output;
  const records = await Promise.all(
    instances.map((i) =>
      waitForJob(aws.ec2(i.region), i.region, i.instanceId, {
        intervalMs,
        signal: ctx.signal,
        onChange: (r) =>
          out.info(`${r.name}: job ${r.state}${r.exitCode === undefined ? '' : ` (exit ${r.exitCode})`}`),
        onReadFailed: (e) =>
          out.warn(`reading the tags failed, retrying: ${e instanceof Error ? e.message : e}`),
      }),
    ),
  );
  if (out.format !== 'table') for (const r of records) out.record(r, []);
  settle(records);
  out.success(
    records.length === 1 ? `${records[0]?.name}: the job succeeded` : `all ${records.length} jobs succeeded`,
  );
}

/** Throws the outcome that decides the exit code: a lost instance first, then the first failed job. */
function settle(records: JobRecord[]): void {
  const lost = records.find((r) => r.state === 'lost');
  if (lost) {
    throw new UserError('JOB_LOST', `${lost.name} is ${lost.instanceState} but its job never finished.`, {
      hint: 'It was stopped or terminated (TTL, spot interruption or by hand) before the job ended.',
    });
  }
  const failed = records.find((r) => r.state === 'failed');
  if (failed) throw new JobExitError(failed.exitCode ?? 1, failed.name);
}
