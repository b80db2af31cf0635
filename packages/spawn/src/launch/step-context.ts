import { parseDuration, UserError } from '@truffle-spawn/core';
import type { AwsContext } from '@truffle-spawn/core/aws';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  CreatedResources,
  DEFAULT_HOME_REGION,
  LaunchId,
  type LaunchSpec,
  type StepContext,
} from '@truffle-spawn/core/launch';
import { VERSION } from '../version.ts';
import { abortableClient, type CallSignal } from './abortable-clients.ts';
import { launchServices } from './aws-services.ts';
import { probePort } from './probe-port.ts';

/**
 * The launch's clients and environment from the command context. Two environment variables exist
 * for CI and emulators, which have no real host to reach: SPAWN_SSH_PROBE=host:port probes that
 * address instead of the instance's port 22, and SPAWN_SSH_TIMEOUT (a duration such as 2m)
 * bounds the wait for SSH (default 5 minutes, like the wait for running). The command's abort
 * signal (Ctrl-C, SIGTERM, SIGHUP) reaches every SDK call through `calls` and the SSH probe.
 */
export function buildStepContext(
  ctx: CommandContext,
  aws: AwsContext,
  spec: LaunchSpec,
  o: { dryRun: boolean; calls: CallSignal },
): StepContext {
  const env = ctx.io.env;
  const wrap = <T extends object>(client: T): T => abortableClient(client, o.calls);
  const context: StepContext = {
    signal: ctx.signal,
    spec,
    clients: {
      ec2: wrap(aws.ec2(spec.region)),
      ssm: wrap(aws.ssm(spec.region)),
      sts: wrap(aws.sts(spec.region)),
      iam: wrap(aws.iam()),
      // Only loaded when the spawnd checksums are not pinned (aws-services.ts).
      s3: launchServices().includes('s3') ? wrap(aws.s3(DEFAULT_HOME_REGION)) : undefined,
      pricing: ctx.opts.offline ? undefined : wrap(aws.pricing()),
      scheduler: wrap(aws.scheduler(spec.region)),
    },
    environment: {
      homedir: ctx.io.homedir,
      platform: ctx.io.platform,
      env,
      now: ctx.io.now,
      version: VERSION,
      dryRun: o.dryRun,
      probePort: (host: string, port: number, timeoutMs: number, signal?: AbortSignal) =>
        probePort(host, port, timeoutMs, signal ?? ctx.signal),
      sshProbeTarget: env.SPAWN_SSH_PROBE ? parseHostPort(env.SPAWN_SSH_PROBE) : undefined,
      sshTimeoutMs: env.SPAWN_SSH_TIMEOUT
        ? parseDuration(env.SPAWN_SSH_TIMEOUT, 'SPAWN_SSH_TIMEOUT')
        : undefined,
      lookupTimeoutMs: env.SPAWN_LOOKUP_TIMEOUT
        ? parseDuration(env.SPAWN_LOOKUP_TIMEOUT, 'SPAWN_LOOKUP_TIMEOUT')
        : undefined,
      runCommand: ctx.io.platform === 'win32' ? runCommand : undefined,
    },
    created: new CreatedResources(),
    launchId: new LaunchId(ctx.io.now),
    notes: [],
  };
  return context;
}

function parseHostPort(text: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(text.trim());
  const port = Number(m?.[2]);
  if (!m?.[1] || port < 1 || port > 65535) {
    throw new UserError('USAGE', `Invalid SPAWN_SSH_PROBE "${text}".`, {
      hint: 'Use host:port, e.g. SPAWN_SSH_PROBE=127.0.0.1:2222, or unset it.',
    });
  }
  return { host: m[1], port };
}

async function runCommand(command: string, args: string[]): Promise<void> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  await promisify(execFile)(command, args);
}
