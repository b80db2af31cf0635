import { isUserError } from '@truffle-spawn/core';
import { Command } from 'commander';
import { describeError } from './logger.ts';
import { SPAWND_VERSION } from './version.ts';

/** The spawnd CLI; the only place that sets the exit code. */
export async function run(argv: readonly string[] = process.argv): Promise<void> {
  const program = new Command('spawnd')
    .description('Ends this instance at its TTL or when idle (stop, hibernate or terminate).')
    .version(SPAWND_VERSION, '-v, --version');
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
    .action(async (d: string) => (await import('./commands/extend.ts')).extend(d));
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`spawnd: ${e.message}${e.hint ? `\n${e.hint}` : ''}\n`);
      process.stdout.write(`${JSON.stringify({ v: 1, type: 'error', code: e.code, message: e.message })}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(
        `spawnd: ${e instanceof Error ? (e.stack ?? describeError(e)) : describeError(e)}\n`,
      );
      process.exitCode = 1;
    }
  }
}
