import { formatDuration, isUserError, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  type LaunchedInstance,
  type LaunchPlan,
  type StepContext,
  waitForSsh,
} from '@truffle-spawn/core/launch';
import { reportLaunch, sshCommand } from './report-launch.ts';
import { progressRunner } from './run-steps.ts';

/**
 * Waits for SSH outside the rollback: by now the instance is running and usable, so a timeout
 * (a firewall, a VPN changing the caller's address, a slow boot) keeps it. The launch is reported
 * as usual (including the `launched` record, so a pipe learns the id), then a TIMEOUT error says
 * how to connect later or end it. A signal here ends the wait but not the instance: it is
 * reported the same way, with an INTERRUPTED error (exit 130) saying its TTL still applies.
 */
export async function waitForSshOrKeep(
  ctx: CommandContext,
  step: StepContext,
  plan: LaunchPlan,
  instance: LaunchedInstance,
): Promise<void> {
  try {
    await progressRunner(step, { stderr: ctx.io.stderr, signal: ctx.signal }).step({
      id: 'ssh',
      title: 'Waiting for SSH',
      run: (c) => waitForSsh(c, instance),
    });
  } catch (error) {
    if (ctx.signal.aborted) throw keptOnInterrupt(ctx, step, plan, instance, error);
    if (!isUserError(error) || error.code !== 'TIMEOUT') throw error;
    const { spec } = plan;
    const { instanceId } = instance;
    reportLaunch(ctx, plan, instance);
    const command = sshCommand({
      platform: ctx.io.platform,
      keyPath: instance.keyPath,
      user: spec.user,
      host: instance.publicIp,
    });
    const ends =
      spec.ttlMs === undefined ? 'it has no TTL' : `its TTL ends it after ${formatDuration(spec.ttlMs)}`;
    throw new UserError(
      'TIMEOUT',
      `${error.message} ${instanceId} is running and was kept (not rolled back): it is usable and bills until ${ends}.`,
      {
        hint: `Connect once SSH answers: ${command ?? `spawn connect ${instanceId}`}\n${error.hint ?? ''} End it with \`spawn terminate ${instanceId}\`.`,
        cause: error,
        details: { instanceId },
      },
    );
  }
}

function keptOnInterrupt(
  ctx: CommandContext,
  step: StepContext,
  plan: LaunchPlan,
  instance: LaunchedInstance,
  error: unknown,
): UserError {
  const { spec } = plan;
  reportLaunch(ctx, plan, instance);
  const id = instance.instanceId;
  const command = sshCommand({
    platform: ctx.io.platform,
    keyPath: instance.keyPath,
    user: spec.user,
    host: instance.publicIp,
  });
  // Everything this launch made is kept: say what, so nothing bills unnoticed.
  const created = step.created
    .list()
    .map((r) =>
      r.kind === 'instance' ? `instance ${r.id} (${spec.name}, ${spec.instanceType})` : `${r.kind} ${r.id}`,
    );
  const ttl =
    spec.ttlMs === undefined
      ? 'It has NO TTL: it runs (and bills) until it is idle or you end it.'
      : `Left to its TTL (the TTL still applies): it terminates itself at ${new Date(ctx.io.now().getTime() + spec.ttlMs).toISOString()} at the latest.`;
  return new UserError(
    'INTERRUPTED',
    `Interrupted while waiting for SSH: ${spec.name} (${id}, ${spec.instanceType}) is running and was kept (not rolled back). ${ttl}`,
    {
      hint: [
        `Created in ${spec.region}: ${created.length > 0 ? created.join(', ') : `instance ${id}`}.`,
        `Connect: ${command ?? `spawn connect ${spec.name}`}`,
        `End it now: spawn terminate ${spec.name} --region ${spec.region}  (or by id: spawn terminate ${id})`,
      ].join('\n  '),
      cause: error,
      details: { instanceId: id },
    },
  );
}
