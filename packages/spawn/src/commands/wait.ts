import { parseDuration, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { JobExitError, jobRecordOf, locateInstance, waitForJob } from '@truffle-spawn/core/lifecycle';
import type { JobWaitInput } from '../command-table.ts';

/**
 * `spawn wait NAME`: polls the instance's tags until its job ends, each state change on stderr,
 * one `job` record on stdout; exits 0, the job's exit code, or JOB_LOST (9) when the instance
 * ended before the job did.
 */
export async function run(ctx: CommandContext, { name, interval }: JobWaitInput): Promise<void> {
  const intervalMs = parseDuration(interval ?? '15s', '--interval');
  const aws = await ctx.aws(['ec2']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  jobRecordOf(instance); // no job: a usage error before any polling
  const out = ctx.output;
  const record = await waitForJob(aws.ec2(instance.region), instance.region, instance.instanceId, {
    intervalMs,
    signal: ctx.signal,
    onChange: (r) =>
      out.info(`${r.name}: job ${r.state}${r.exitCode === undefined ? '' : ` (exit ${r.exitCode})`}`),
    onReadFailed: (e) => out.warn(`reading the tags failed, retrying: ${e instanceof Error ? e.message : e}`),
  });
  if (out.format !== 'table') out.record(record, []);
  if (record.state === 'lost') {
    throw new UserError('JOB_LOST', `${record.name} is ${record.instanceState} but its job never finished.`, {
      hint: 'It was stopped or terminated (TTL, spot interruption or by hand) before the job ended.',
    });
  }
  if (record.state === 'failed') throw new JobExitError(record.exitCode ?? 1, record.name);
  out.success(`${record.name}: the job succeeded`);
}
