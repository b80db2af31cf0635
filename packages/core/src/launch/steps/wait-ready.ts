import { type DescribeInstancesCommandOutput, waitUntilInstanceRunning } from '@aws-sdk/client-ec2';
import { UserError } from '../../errors/user-error.ts';
import type { StepContext } from '../context.ts';
import type { LaunchedInstance, RunningInstance, StartedInstance } from '../launch-result.ts';
import type { Done } from '../step.ts';

export type WaitFor = 'ssh' | 'running' | 'none';

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** Waits for `running` and reads the addresses; a timeout here is a failed launch (rolled back). */
export async function waitRunning(
  ctx: StepContext,
  started: StartedInstance,
): Promise<Done<RunningInstance>> {
  const env = ctx.environment;
  const { instanceId } = started;
  const timeoutMs = env.waitTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const result = await waitUntilInstanceRunning(
    {
      client: ctx.clients.ec2,
      maxWaitTime: Math.ceil(timeoutMs / 1000),
      minDelay: 2,
      maxDelay: 10,
      abortSignal: ctx.signal,
    },
    { InstanceIds: [instanceId] },
  ).catch((error: unknown) => ({ state: 'FAILURE', reason: error }));
  if (ctx.signal?.aborted) throw new UserError('INTERRUPTED', `Interrupted while waiting for ${instanceId}.`);
  if (result.state !== 'SUCCESS') {
    throw new UserError(
      'TIMEOUT',
      `${instanceId} did not reach "running" within ${Math.round(timeoutMs / 1000)}s.`,
      {
        hint: 'It was rolled back so nothing keeps billing; try again, or another type or zone.',
        cause: result.reason,
      },
    );
  }
  // On success the waiter's reason is its last DescribeInstances answer: no second call needed.
  const out = result.reason as DescribeInstancesCommandOutput | undefined;
  const instance = out?.Reservations?.[0]?.Instances?.[0];
  return {
    line: `${instanceId} is running`,
    value: {
      publicIp: instance?.PublicIpAddress,
      privateIp: instance?.PrivateIpAddress ?? started.privateIp,
    },
  };
}

/**
 * Waits until SSH (TCP 22 on the public address, or `environment.sshProbeTarget`) accepts a
 * connection. Runs after the rollback-protected steps: the instance is running and usable, and a
 * firewall or a slow boot on the way must not destroy it. A timeout is a TIMEOUT UserError for the
 * caller to report alongside the instance it keeps.
 */
export async function waitForSsh(ctx: StepContext, instance: LaunchedInstance): Promise<Done<undefined>> {
  const env = ctx.environment;
  const { instanceId, publicIp } = instance;
  const target = env.sshProbeTarget ?? (publicIp ? { host: publicIp, port: 22 } : undefined);
  if (!target || !env.probePort)
    return { line: `${instanceId} is running (no public address to probe SSH)`, value: undefined };
  const timeoutMs = env.sshTimeoutMs ?? env.waitTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  await env.probePort(target.host, target.port, timeoutMs, ctx.signal).catch((error: unknown) => {
    if (ctx.signal?.aborted)
      throw new UserError('INTERRUPTED', 'Interrupted while waiting for SSH.', { cause: error });
    throw new UserError(
      'TIMEOUT',
      `SSH on ${target.host}:${target.port} did not answer within ${Math.round(timeoutMs / 1000)}s.`,
      {
        hint: 'Check that --ssh-cidr covers the address you connect from (VPNs and proxies change it).',
        cause: error,
        details: { instanceId },
      },
    );
  });
  return { line: `${instanceId} is running and SSH answers on ${target.host}`, value: undefined };
}
