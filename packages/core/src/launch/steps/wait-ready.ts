import { DescribeInstancesCommand, waitUntilInstanceRunning } from '@aws-sdk/client-ec2';
import { UserError } from '../../errors/user-error.ts';
import { awsCall, type StepContext } from '../context.ts';

export type WaitFor = 'ssh' | 'running' | 'none';

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** Waits for `running` (and for port 22 when `ssh`), with a timeout and a message saying what to do. */
export async function waitReady(ctx: StepContext, waitFor: WaitFor): Promise<string> {
  const { state, environment: env } = ctx;
  const instanceId = state.instanceId!;
  const timeoutMs = env.waitTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (waitFor === 'none') return `Not waiting (--wait none): ${instanceId} is starting`;
  const result = await waitUntilInstanceRunning(
    { client: ctx.clients.ec2, maxWaitTime: Math.ceil(timeoutMs / 1000), minDelay: 2, maxDelay: 10 },
    { InstanceIds: [instanceId] },
  ).catch((error: unknown) => ({ state: 'FAILURE', reason: error }));
  if (result.state !== 'SUCCESS') {
    throw new UserError(
      'TIMEOUT',
      `${instanceId} did not reach "running" within ${Math.round(timeoutMs / 1000)}s.`,
      {
        hint: `Check it with \`spawn status ${instanceId}\`; it was rolled back so nothing keeps billing.`,
        cause: result.reason,
      },
    );
  }
  const out = await awsCall(ctx, 'DescribeInstances', () =>
    ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })),
  );
  const instance = out.Reservations?.[0]?.Instances?.[0];
  state.publicIp = instance?.PublicIpAddress;
  state.privateIp = instance?.PrivateIpAddress ?? state.privateIp;
  if (waitFor === 'running') return `${instanceId} is running`;
  const host = state.publicIp;
  if (!host || !env.probePort) return `${instanceId} is running (no public address to probe SSH)`;
  await env.probePort(host, 22, timeoutMs).catch((error: unknown) => {
    throw new UserError(
      'TIMEOUT',
      `SSH on ${host}:22 did not answer within ${Math.round(timeoutMs / 1000)}s.`,
      {
        hint: 'Check --ssh-cidr covers your address, or rerun with --wait running and connect later with `spawn connect`.',
        cause: error,
      },
    );
  });
  return `${instanceId} is running and SSH answers on ${host}`;
}
