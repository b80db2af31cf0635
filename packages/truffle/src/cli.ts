import {
  type CliIo,
  commanderOutput,
  createCommandContext,
  mergeRegionFlags,
  nonNegativeInt,
  nonNegativeNumber,
  numberRange,
  positiveInt,
  typeNameRegex,
} from '@truffle-spawn/core/cli-kit';
import { Command, Option } from 'commander';
import { withCommonOptions } from './options.ts';
import { VERSION } from './version.ts';

/** Declares truffle's commands and options; each action loads its command module on demand. */
export function buildProgram(io: CliIo, signal: AbortSignal): Command {
  const program = new Command('truffle')
    .description('Find the right AWS instance: search types, spot prices, capacity, AZs and quotas.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .showSuggestionAfterError();
  let last: ReturnType<typeof createCommandContext> | undefined;
  const context = (opts: Record<string, unknown>) =>
    (last = createCommandContext(io, mergeRegionFlags(opts), signal));
  // After a successful command: `--output json` with nothing found still prints `[]`.
  program.hook('postAction', () => last?.output.end());

  withCommonOptions(program.command('search').argument('[query]', 'type, glob, family, GPU name or words'))
    .description('search instance types (m7i.large, m7i.*, c7g, h100, "graviton large", "cheapest gpu 24gb")')
    .option(
      '--catalog <file>',
      'offline catalog to read (from `truffle refresh --catalog`; or TRUFFLE_CATALOG)',
    )
    .option('--vcpus <min[-max]>', 'vCPUs, e.g. 8 or 4-16', numberRange)
    .option('--memory <min[-max]>', 'memory in GiB, e.g. 32 or 16-64', numberRange)
    .option('--min-vcpus <n>', 'at least this many vCPUs', positiveInt)
    .option('--max-vcpus <n>', 'at most this many vCPUs', positiveInt)
    .option('--min-memory <GiB>', 'at least this much memory', nonNegativeNumber)
    .option('--max-memory <GiB>', 'at most this much memory', nonNegativeNumber)
    .addOption(new Option('--arch <arch>', 'CPU architecture').choices(['x86_64', 'arm64']))
    .option('--gpus <n>', 'at least this many GPUs/accelerators', nonNegativeInt)
    .option('--gpu-model <model>', 'accelerator model, e.g. H100, A10G')
    .option('--gpu-memory <GiB>', 'at least this much accelerator memory in total', nonNegativeNumber)
    .option('--gpu-manufacturer <name>', 'accelerator maker, e.g. NVIDIA, AMD, AWS')
    .option('--network <Gbps>', 'at least this network bandwidth', nonNegativeNumber)
    .option('--efa', 'only types with Elastic Fabric Adapter')
    .option('--local-storage', 'only types with local NVMe instance storage')
    .option(
      '--current-generation',
      'only current-generation types (default, unless the query names old ones)',
    )
    .option('--all-generations', 'include previous-generation types')
    .option('--burstable', 'only burstable (T) types')
    .option('--no-burstable', 'no burstable (T) types')
    .option('--deny <regex>', 'drop types whose name matches', typeNameRegex)
    .option('--allow <regex>', 'keep only types whose name matches', typeNameRegex)
    .option('--family <family>', 'instance family, e.g. m7i')
    .option('--max-price <usd>', 'on-demand USD/hour at most', nonNegativeNumber)
    .option('--hibernation', 'only types that support hibernation')
    .addOption(
      new Option('--sort <key>', 'order of results (default: best match, then price)').choices([
        'price',
        'vcpus',
        'memory',
        'name',
        'interruption',
      ]),
    )
    .option('--limit <n>', 'at most this many results', positiveInt)
    .action(async (query: string | undefined, opts: Record<string, unknown>) => {
      const { run } = await import('./commands/search.ts');
      await run(context(opts), query ?? '', opts);
    });

  withCommonOptions(program.command('spot').argument('<query>', 'instance type, glob or family'))
    .description('latest spot price per availability zone, savings and interruption frequency')
    .option('--max-price <usd>', 'spot USD/hour at most', nonNegativeNumber)
    .addOption(
      new Option(
        '--sort <key>',
        'order: price (cheapest first), savings (largest first), interruption (rarest first)',
      ).choices(['price', 'savings', 'interruption']),
    )
    .addOption(new Option('--sort-by-price', 'same as --sort price').hideHelp())
    .option(
      '--catalog <file>',
      'offline catalog to read (from `truffle refresh --catalog`; or TRUFFLE_CATALOG)',
    )
    .option('--limit <n>', 'at most this many results', positiveInt)
    .action(async (query: string, opts: Record<string, unknown>) => {
      const { run } = await import('./commands/spot.ts');
      await run(context(opts), query, opts);
    });

  withCommonOptions(program.command('capacity'))
    .description('capacity reservations (ODCRs) and purchasable Capacity Blocks for ML')
    .option('--gpu-only', 'only GPU / accelerator instance types')
    .option('--available-only', 'only reservations with free capacity')
    .option('--instance-types <types>', 'comma list of instance types')
    .option('--duration <hours>', 'Capacity Block duration in hours (24-hour steps)', positiveInt)
    .option('--count <n>', 'Capacity Block instance count', positiveInt)
    .option('--start <date>', 'earliest Capacity Block start (ISO date)')
    .option('--end <date>', 'latest Capacity Block end (ISO date)')
    .action(async (opts: Record<string, unknown>) => {
      const { run } = await import('./commands/capacity.ts');
      await run(context(opts), opts);
    });

  withCommonOptions(program.command('az').argument('<query>', 'instance type, glob or family'))
    .description('where a type is offered, by availability zone count')
    .option('--min-az-count <n>', 'offered in at least this many AZs of a region', positiveInt)
    .option(
      '--catalog <file>',
      'offline catalog to read (from `truffle refresh --catalog`; or TRUFFLE_CATALOG)',
    )
    .action(async (query: string, opts: Record<string, unknown>) => {
      const { run } = await import('./commands/az.ts');
      await run(context(opts), query, opts);
    });

  withCommonOptions(program.command('quotas'))
    .description('EC2 vCPU quotas, usage and headroom; request an increase')
    .addOption(
      new Option('--family <bucket>', 'vCPU bucket').choices([
        'standard',
        'g',
        'p',
        'inf',
        'trn',
        'dl',
        'f',
        'x',
      ]),
    )
    .option('--spot', 'spot quotas instead of on-demand')
    .option('--instance-type <type>', 'show what this instance type would need')
    .option('--count <n>', 'number of instances you intend to run', positiveInt)
    .option('--request <vcpus>', 'request the quota be raised to this many vCPUs', positiveInt)
    .option('--dry-run', 'with --request: print the exact request instead of filing it')
    .option('-y, --yes', 'with --request: do not ask for confirmation')
    .action(async (opts: Record<string, unknown>) => {
      const { run } = await import('./commands/quotas.ts');
      await run(context(opts), opts);
    });

  withCommonOptions(program.command('refresh'))
    .description('refresh the caches; with --catalog FILE also write a new offline catalog')
    .option(
      '--catalog <file>',
      'write a catalog built from live AWS data (specs, AZs and prices of every region asked) to FILE',
    )
    .action(async (opts: Record<string, unknown>) => {
      const { run } = await import('./commands/refresh.ts');
      await run(context(opts), opts);
    });

  return program;
}
