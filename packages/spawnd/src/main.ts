import { ExitCode, isUserError } from '@truffle-spawn/core';
import { Command, CommanderError } from 'commander';
import { describeError } from './logger.ts';
import { SPAWND_VERSION } from './version.ts';

/** The spawnd CLI; the only place that sets the exit code. */
export async function run(argv: readonly string[] = process.argv): Promise<void> {
  const program = new Command('spawnd')
    .description('Ends this instance at its TTL or when idle (stop, hibernate or terminate).')
    .version(SPAWND_VERSION, '-v, --version')
    // Commander has already explained a parse error on stderr; only the exit code is ours to set.
    .exitOverride();
  program
    .command('run')
    .description('run the agent (what systemd starts)')
    .option('--interval <duration>', 'check period', '60s')
    .action(async (o: { interval: string }) => (await import('./commands/run.ts')).runDaemon(o));
  program
    .command('status')
    .description('print the agent status as JSON: next action, when, and what keeps the instance alive')
    .action(async () => (await import('./commands/status.ts')).printStatus());
  program
    .command('extend')
    .argument('<duration>', 'how much later, e.g. 2h')
    .description('postpone the TTL (moves the spawn:expires-at tag)')
    // `extend -1h` must reach the duration check, not be taken for an unknown option.
    .allowUnknownOption()
    .action(async (d: string) => (await import('./commands/extend.ts')).extend(d));
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    } else if (isUserError(e)) {
      process.stderr.write(`spawnd: ${e.message}${e.hint ? `\n${e.hint}` : ''}\n`);
      process.stdout.write(`${JSON.stringify({ v: 1, type: 'error', code: e.code, message: e.message })}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(
        `spawnd: ${e instanceof Error ? (e.stack ?? describeError(e)) : describeError(e)}\n`,
      );
      process.exitCode = ExitCode.failure;
    }
  }
}
