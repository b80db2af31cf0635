import { existsSync } from 'node:fs';
import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { buildSshInvocation, describeJob, jobRecordOf, locateInstance } from '@truffle-spawn/core/lifecycle';
import type { LogsInput } from '../command-table.ts';
import { CAT_LOG, FOLLOW_LOG } from '../job/remote-commands.ts';
import { runSsh } from '../job/run-ssh.ts';

/**
 * `spawn logs NAME [-f]`: the job's output over SSH (with -f from the start, following until the
 * job ends). The output is the data on stdout; with --json or --output json/ndjson it goes to
 * stderr and stdout gets the `job` record instead.
 */
export async function run(ctx: CommandContext, { name, follow, key }: LogsInput): Promise<void> {
  const aws = await ctx.aws(['ec2']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  jobRecordOf(instance); // no job: a clear error before any ssh
  const plan = buildSshInvocation({
    instance,
    platform: ctx.io.platform,
    homedir: ctx.io.homedir,
    exists: existsSync,
    keyPath: key,
    extraArgs: ['-o', 'BatchMode=yes', follow ? FOLLOW_LOG : CAT_LOG],
  });
  if (plan.kind === 'ssm') {
    throw new UserError(
      'INVALID_STATE',
      `${instance.name} has no public address, so its log cannot be read over SSH.`,
      {
        hint: `The job still runs and ends the instance; read it on the instance: ${plan.command}, then journalctl -u spawn-job`,
      },
    );
  }
  // Only when asked for: `spawn logs NAME > file` must get the log even though stdout is a file.
  const records = Boolean(ctx.opts.json) || ctx.opts.output === 'json' || ctx.opts.output === 'ndjson';
  const { status } = await runSsh(plan.command, plan.args, {
    env: ctx.io.env,
    stdout: records ? ctx.io.stderr : ctx.io.stdout,
    stderr: ctx.io.stderr,
    signal: ctx.signal,
  });
  if (status !== 0) {
    throw new UserError(
      'NETWORK_ERROR',
      `Reading the log of ${instance.name} over SSH failed (ssh exit ${status}).`,
      {
        hint: 'Check that SSH reaches it (spawn connect), or follow the job through its tags: spawn wait NAME',
      },
    );
  }
  if (records)
    ctx.output.record(await describeJob(aws.ec2(instance.region), instance.region, instance.instanceId), []);
}
