import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { BackstopOutcome } from '@truffle-spawn/core/scheduler';

/** One line on the cloud schedule after extend/stop/start; a failure is a warning naming the risk. */
export function reportBackstop(
  ctx: CommandContext,
  name: string,
  b: BackstopOutcome,
  verb: 'moved' | 'set',
): void {
  if (b.state === 'armed' && b.stopAt) {
    ctx.output.info(
      `Cloud backstop ${verb}: EventBridge Scheduler stops ${name} at ${b.stopAt} and terminates it at ${b.at} if nothing else has.`,
    );
  } else if (b.state === 'armed') {
    ctx.output.info(
      `Cloud backstop ${verb}: EventBridge Scheduler terminates ${name} at ${b.at} if nothing else has.`,
    );
  } else if (b.state === 'absent') {
    ctx.output.warn(
      `The cloud backstop could not be ${verb} (${b.reason}); a schedule made earlier still fires at its old time. ` +
        'Check the scheduler:* and iam:PassRole permissions (README), then run the command again.',
    );
  }
}
