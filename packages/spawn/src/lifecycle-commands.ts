import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { Command } from 'commander';
import { withCommonOptions } from './options.ts';

type Opts = Record<string, unknown>;

/** Registers list/status/connect/extend/stop/hibernate/start/terminate/cleanup. */
export function registerLifecycleCommands(program: Command, context: (opts: Opts) => CommandContext): void {
  withCommonOptions(program.command('list'))
    .description('spawn-managed instances: state, time left, idle state and cost so far')
    .option('-a, --all', 'also show terminated instances (EC2 keeps them for about an hour)')
    .option('--unprotected', 'only running instances whose spawnd is silent or stale (exit code stays 0)')
    .action(async (opts: Opts) => {
      const { run } = await import('./commands/list.ts');
      await run(context(opts), opts);
    });

  withCommonOptions(program.command('status').argument('<name>', 'Name tag or instance id'))
    .description('everything about one instance: deadline, idle policy, what spawnd does next')
    .action(async (name: string, opts: Opts) => {
      const { run } = await import('./commands/status.ts');
      await run(context(opts), name, opts);
    });

  withCommonOptions(
    program
      .command('connect')
      .alias('ssh')
      .argument('<name>', 'Name tag or instance id')
      .argument('[ssh-args...]', 'extra ssh arguments, after --'),
  )
    .description('ssh into an instance with the right key, user and address')
    .option('--key <path>', 'private key to use (default ~/.ssh/id_ed25519, else id_rsa)')
    .action(async (name: string, sshArgs: string[], opts: Opts) => {
      const { run } = await import('./commands/connect.ts');
      await run(context(opts), name, sshArgs, opts);
    });

  withCommonOptions(
    program
      .command('extend')
      .argument('<name>', 'Name tag or instance id')
      .argument('[duration]', 'how much longer, e.g. 2h, 30m, 1d'),
  )
    .description('move the TTL deadline later (by a duration, or --to a time)')
    .option('--to <time>', 'new deadline, ISO-8601 (e.g. 2030-01-31T18:00:00Z)')
    .action(async (name: string, duration: string | undefined, opts: Opts) => {
      const { run } = await import('./commands/extend.ts');
      await run(context(opts), name, duration, opts);
    });

  for (const [verb, description] of [
    ['stop', 'stop an instance; its TTL pauses until `spawn start` (the disk is still billed)'],
    ['hibernate', 'hibernate (save RAM to disk) an instance launched with --hibernate; TTL pauses'],
    ['start', 'start a stopped instance; its paused TTL resumes'],
  ] as const) {
    withCommonOptions(program.command(verb).argument('<name>', 'Name tag or instance id'))
      .description(description)
      .option('--no-wait', 'return once EC2 accepted the request')
      .action(async (name: string, opts: Opts) => {
        const module =
          verb === 'start'
            ? await import('./commands/start.ts')
            : verb === 'stop'
              ? await import('./commands/stop.ts')
              : await import('./commands/hibernate.ts');
        await module.run(context(opts), name, opts);
      });
  }

  withCommonOptions(program.command('terminate').argument('<name>', 'Name tag or instance id'))
    .description('terminate an instance and delete the resources launch created for it')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (name: string, opts: Opts) => {
      const { run } = await import('./commands/terminate.ts');
      await run(context(opts), name, opts);
    });

  withCommonOptions(program.command('cleanup'))
    .description('find spawn-tagged leftovers of terminated instances (dry run), delete with --yes')
    .option('-y, --yes', 'delete them (default: only show what would be deleted)')
    .option('--shared', 'also the shared network and IAM role/profile, once no instance uses them')
    .action(async (opts: Opts) => {
      const { run } = await import('./commands/cleanup.ts');
      await run(context(opts), opts);
    });
}
