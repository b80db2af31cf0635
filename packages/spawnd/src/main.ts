import { type CliIo, runMain } from '@truffle-spawn/core/cli-kit';
import { Command } from 'commander';
import { SPAWND_VERSION } from './version.ts';

/** The spawnd CLI; errors go through core's runMain/reportError, the same path as spawn and truffle. */
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
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    platform: process.platform,
    homedir: '',
    cwd: process.cwd(),
    now: () => new Date(),
  };
  // The one place spawnd sets its exit code.
  process.exitCode = await runMain(io, () => program.parseAsync([...argv]));
}
