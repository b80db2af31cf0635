import {
  type CliIo,
  commanderOutput,
  createCommandContext,
  mergeRegionFlags,
  nonNegativeNumber,
  positiveInt,
} from '@truffle-spawn/core/cli-kit';
import { Command, Option } from 'commander';
import { registerLifecycleCommands } from './lifecycle-commands.ts';
import { withCommonOptions } from './options.ts';
import { VERSION } from './version.ts';

/** Declares spawn's commands and options; each action loads its command module on demand. */
export function buildProgram(io: CliIo, signal: AbortSignal): Command {
  const program = new Command('spawn')
    .description('Launch an AWS instance effortlessly: wizard, `truffle ... | spawn`, or flags.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .showSuggestionAfterError();
  let last: ReturnType<typeof createCommandContext> | undefined;
  const context = (opts: Record<string, unknown>) =>
    (last = createCommandContext(io, mergeRegionFlags(opts), signal));
  // After a successful command: `--output json` with nothing found still prints `[]`.
  program.hook('postAction', () => last?.output.end());

  withCommonOptions(program.command('launch', { isDefault: true }))
    .description('launch an instance (wizard on a terminal, NDJSON from a pipe, or flags)')
    .option('-t, --instance-type <type>', 'instance type, e.g. t3.medium (selects flags mode)')
    .option('--az <zone>', 'availability zone, e.g. us-west-2a')
    .option('--spot', 'use Spot capacity (cheaper, can be interrupted)')
    .option('--max-price <usd>', 'Spot: highest USD/hour you accept', nonNegativeNumber)
    .option('--ttl <duration>', 'time to live, e.g. 8h, 30m, 1d, 2h30m (default 8h)')
    .option('--no-ttl', 'no time limit (idle timeout stays on)')
    .option('--idle-timeout <duration>', 'act after this long idle (default 1h)')
    .addOption(
      new Option('--on-idle <action>', 'what to do when idle').choices(['stop', 'hibernate', 'terminate']),
    )
    .option('--hibernate', 'enable hibernation (RAM saved to the encrypted root volume)')
    .option('--hibernate-on-idle', 'same as --hibernate --on-idle hibernate')
    .option('--use-reservation [id]', 'launch into a capacity reservation (id, or any open matching one)')
    .option('--name <name>', 'Name tag (default: generated)')
    .option('--key <path>', 'SSH private key to use (default ~/.ssh/id_ed25519, created if missing)')
    .option('--ami <id>', 'AMI id instead of the latest Amazon Linux 2023')
    .option('--user <name>', 'login user (default ec2-user)')
    .option('--disk <GiB>', 'root volume size in GiB (gp3, 1-16384)', positiveInt)
    .option('--max-stopped <duration>', 'stopped longer than this: terminated with its disk (default 7d)')
    .option('--no-cloud-backstop', 'no EventBridge Scheduler schedule terminating it after its deadline')
    .option('--ssh-cidr <cidr>', 'who may SSH in (default: your public address /32)')
    .addOption(new Option('--wait <what>', 'wait for').choices(['ssh', 'running', 'none']).default('ssh'))
    .option('--pick <n>', 'pipe: use the Nth usable record (1-based)', positiveInt)
    .option('--try-all', 'pipe: on capacity errors try the next record')
    .option('--dry-run', 'show the plan and check permissions; create nothing')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (opts: Record<string, unknown>) => {
      const { run } = await import('./commands/launch.ts');
      await run(context(opts), opts);
    });

  registerLifecycleCommands(program, context);
  return program;
}
