import { formatDuration, isUserError, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { type StepContext, waitForSsh } from '@truffle-spawn/core/launch';
import { reportLaunch, sshCommand } from './report-launch.ts';
import { runStepsWithProgress } from './run-steps.ts';

/**
 * Waits for SSH outside the rollback: by now the instance is running and usable, so a timeout
 * (a firewall, a VPN changing the caller's address, a slow boot) keeps it. The launch is reported
 * as usual (including the `launched` record, so a pipe learns the id), then a TIMEOUT error says
 * how to connect later or end it.
 */
export async function waitForSshOrKeep(ctx: CommandContext, step: StepContext): Promise<void> {
  try {
    await runStepsWithProgress([{ id: 'ssh', title: 'Waiting for SSH', run: waitForSsh }], step, {
      stderr: ctx.io.stderr,
      signal: ctx.signal,
    });
  } catch (error) {
    if (!isUserError(error) || error.code !== 'TIMEOUT') throw error;
    const { spec, state } = step;
    reportLaunch(ctx, spec, state);
    const command = sshCommand({
      platform: ctx.io.platform,
      keyPath: state.keyPath,
      user: spec.user,
      host: state.publicIp,
    });
    const ends =
      spec.ttlMs === undefined ? 'it has no TTL' : `its TTL ends it after ${formatDuration(spec.ttlMs)}`;
    throw new UserError(
      'TIMEOUT',
      `${error.message} ${state.instanceId} is running and was kept (not rolled back): it is usable and bills until ${ends}.`,
      {
        hint: `Connect once SSH answers: ${command ?? `spawn connect ${state.instanceId}`}\n${error.hint ?? ''} End it with \`spawn terminate ${state.instanceId}\`.`,
        cause: error,
        details: { instanceId: state.instanceId },
      },
    );
  }
}
