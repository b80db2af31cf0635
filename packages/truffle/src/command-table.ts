import {
  arg,
  awsGlobalOptions,
  commandsWith,
  type InputOf,
  nonNegativeInt,
  nonNegativeNumber,
  numberRange,
  option,
  positiveInt,
  typeNameRegex,
} from '@truffle-spawn/core/cli-kit';

/**
 * truffle's commands as data: every flag is one entry here; commander registration, `--help` with
 * examples and each handler's input type come from this table. A new command is one entry below
 * plus one handler file in `commands/` (see CONTRIBUTING.md).
 */

/** Options every truffle command takes. */
export const truffleGlobals = awsGlobalOptions('region(s): us-east-1, a comma list, or "all"', {
  cache: option.negation('neither read nor write the local cache'),
  refresh: option.flag('ignore cached data and fetch it again'),
  offline: option.flag('use the embedded catalog, no AWS calls'),
});

const command = commandsWith(truffleGlobals);

/** A handler's input: the global options, the command's own options, its positionals. */
export type Input<O, A extends readonly unknown[] = readonly []> = InputOf<typeof truffleGlobals & O, A>;

const readCatalog = option.string(
  'file',
  'offline catalog to read (from `truffle refresh --catalog`; or TRUFFLE_CATALOG)',
);
const typeQuery = [
  arg.required('query', 'instance type, glob or family', { complete: 'instance-types' }),
] as const;

/** The filters of `truffle search`; "no match with these filters" names the ones given. */
export const searchFilterOptions = {
  vcpus: option.value('min[-max]', 'vCPUs, e.g. 8 or 4-16', numberRange),
  memory: option.value('min[-max]', 'memory in GiB, e.g. 32 or 16-64', numberRange),
  minVcpus: option.value('n', 'at least this many vCPUs', positiveInt),
  maxVcpus: option.value('n', 'at most this many vCPUs', positiveInt),
  minMemory: option.value('GiB', 'at least this much memory', nonNegativeNumber),
  maxMemory: option.value('GiB', 'at most this much memory', nonNegativeNumber),
  arch: option.choice('arch', 'CPU architecture', ['x86_64', 'arm64']),
  gpus: option.value('n', 'at least this many GPUs/accelerators', nonNegativeInt),
  gpuModel: option.string('model', 'accelerator model, e.g. H100, A10G'),
  gpuMemory: option.value('GiB', 'at least this much accelerator memory in total', nonNegativeNumber),
  gpuManufacturer: option.string('name', 'accelerator maker, e.g. NVIDIA, AMD, AWS'),
  network: option.value('Gbps', 'at least this network bandwidth', nonNegativeNumber),
  efa: option.flag('only types with Elastic Fabric Adapter'),
  localStorage: option.flag('only types with local NVMe instance storage'),
  currentGeneration: option.flag('only current-generation types (default, unless the query names old ones)'),
  burstable: option.flag('only burstable (T) types', { negatable: 'no burstable (T) types' }),
  deny: option.value('regex', 'drop types whose name matches', typeNameRegex),
  allow: option.value('regex', 'keep only types whose name matches', typeNameRegex),
  family: option.string('family', 'instance family, e.g. m7i'),
  hibernation: option.flag('only types that support hibernation'),
};

const searchArgs = [
  arg.optional('query', 'type, glob, family, GPU name or words', { complete: 'instance-types' }),
] as const;
const searchOptions = {
  catalog: readCatalog,
  ...searchFilterOptions,
  allGenerations: option.flag('include previous-generation types'),
  maxPrice: option.value('usd', 'on-demand USD/hour at most', nonNegativeNumber),
  sort: option.choice('key', 'order of results (default: best match, then price)', [
    'price',
    'vcpus',
    'memory',
    'name',
    'interruption',
  ]),
  limit: option.value('n', 'at most this many results', positiveInt),
};
export type SearchInput = Input<typeof searchOptions, typeof searchArgs>;
export const search = command({
  name: 'search',
  summary: 'search instance types (m7i.large, m7i.*, c7g, h100, "graviton large", "cheapest gpu 24gb")',
  examples: [
    { command: 'search m7i.large', description: 'one type: specs, price, where it is offered' },
    { command: "search 'graviton large' --max-price 0.1", description: 'words, under 10 cents an hour' },
    { command: 'search --gpus 1 --gpu-memory 24 --region all', description: 'filters only, every region' },
  ],
  args: searchArgs,
  options: searchOptions,
  load: () => import('./commands/search.ts'),
});

const spotOptions = {
  maxPrice: option.value('usd', 'spot USD/hour at most', nonNegativeNumber),
  sort: option.choice(
    'key',
    'order: price (cheapest first), savings (largest first), interruption (rarest first)',
    ['price', 'savings', 'interruption'],
  ),
  sortByPrice: option.flag('same as --sort price', { hidden: true }),
  catalog: readCatalog,
  limit: option.value('n', 'at most this many results', positiveInt),
};
export type SpotInput = Input<typeof spotOptions, typeof typeQuery>;
export const spot = command({
  name: 'spot',
  summary: 'latest spot price per availability zone, savings and interruption frequency',
  examples: [
    { command: 'spot m7i.large --max-price 0.10', description: 'AZs selling it for 10 cents or less' },
    { command: "spot 'g6e.*' --sort interruption", description: 'least interrupted first' },
    { command: 'spot c7g --offline --region all', description: 'Spot Advisor savings, no account needed' },
  ],
  args: typeQuery,
  options: spotOptions,
  load: () => import('./commands/spot.ts'),
});

const capacityOptions = {
  gpuOnly: option.flag('only GPU / accelerator instance types'),
  availableOnly: option.flag('only reservations with free capacity'),
  instanceTypes: option.string('types', 'comma list of instance types', { complete: 'instance-type-list' }),
  duration: option.value('hours', 'Capacity Block duration in hours (24-hour steps)', positiveInt),
  count: option.value('n', 'Capacity Block instance count', positiveInt),
  start: option.string('date', 'earliest Capacity Block start (ISO date)'),
  end: option.string('date', 'latest Capacity Block end (ISO date)'),
};
export type CapacityInput = Input<typeof capacityOptions>;
export const capacity = command({
  name: 'capacity',
  summary: 'capacity reservations (ODCRs) and purchasable Capacity Blocks for ML',
  examples: [
    { command: 'capacity --gpu-only --available-only', description: 'reservations with free GPUs' },
    {
      command: 'capacity --instance-types p5.48xlarge --duration 48 --count 2',
      description: 'Capacity Blocks for two p5s, two days',
    },
  ],
  options: capacityOptions,
  load: () => import('./commands/capacity.ts'),
});

const azOptions = {
  minAzCount: option.value('n', 'offered in at least this many AZs of a region', positiveInt),
  catalog: readCatalog,
};
export type AzInput = Input<typeof azOptions, typeof typeQuery>;
export const az = command({
  name: 'az',
  summary: 'where a type is offered, by availability zone count',
  examples: [
    { command: 'az m7i.large --min-az-count 3', description: 'regions offering it in 3+ AZs' },
    { command: "az 'p5*' --region all", description: 'every region, most AZs first' },
  ],
  args: typeQuery,
  options: azOptions,
  load: () => import('./commands/az.ts'),
});

const quotasOptions = {
  family: option.choice('bucket', 'vCPU bucket', ['standard', 'g', 'p', 'inf', 'trn', 'dl', 'f', 'x']),
  spot: option.flag('spot quotas instead of on-demand'),
  instanceType: option.string('type', 'show what this instance type would need', {
    complete: 'instance-types',
  }),
  count: option.value('n', 'number of instances you intend to run', positiveInt),
  request: option.value('vcpus', 'request the quota be raised to this many vCPUs', positiveInt),
  dryRun: option.flag('with --request: print the exact request instead of filing it'),
  yes: option.flag('with --request: do not ask for confirmation', { short: 'y' }),
};
export type QuotasInput = Input<typeof quotasOptions>;
export const quotas = command({
  name: 'quotas',
  summary: 'EC2 vCPU quotas, usage and headroom; request an increase',
  examples: [
    { command: 'quotas --family g', description: 'G and VT vCPUs: limit, used, free' },
    { command: 'quotas --instance-type p5.48xlarge --count 2', description: 'is there room for two?' },
    { command: 'quotas --family p --request 192 --dry-run', description: 'print the increase request' },
  ],
  options: quotasOptions,
  load: () => import('./commands/quotas.ts'),
});

const refreshOptions = {
  catalog: option.string(
    'file',
    'write a catalog built from live AWS data (specs, AZs and prices of every region asked) to FILE',
  ),
};
export type RefreshInput = Input<typeof refreshOptions>;
export const refresh = command({
  name: 'refresh',
  summary: 'refresh the caches; with --catalog FILE also write a new offline catalog',
  examples: [
    { command: 'refresh', description: 'reload types and offerings of the default region' },
    { command: 'refresh --catalog my.json.gz --region all', description: 'write your own catalog' },
  ],
  options: refreshOptions,
  load: () => import('./commands/refresh.ts'),
});

const regionsOptions = {
  all: option.flag('also list the opt-in regions this account has not enabled (live)'),
};
export type RegionsInput = Input<typeof regionsOptions>;
export const regions = command({
  name: 'regions',
  summary: 'AWS regions enabled for the account, with their names and opt-in status',
  examples: [
    { command: 'regions', description: 'enabled regions (offline: the catalog’s)' },
    { command: 'regions --all', description: 'also the opt-in regions not enabled yet' },
    { command: 'regions --offline -o csv', description: 'without AWS, as CSV' },
  ],
  options: regionsOptions,
  load: () => import('./commands/regions.ts'),
});

const completionArgs = [arg.required('shell', 'bash, zsh, fish or powershell')] as const;
const completionOptions = {};
export type CompletionInput = Input<typeof completionOptions, typeof completionArgs>;
export const completion = command({
  name: 'completion',
  summary: 'print the shell completion script (bash, zsh, fish, powershell); see the README to install it',
  examples: [
    { command: 'completion bash > ~/.local/share/bash-completion/completions/truffle', description: 'bash' },
    {
      command: 'completion zsh > ~/.zfunc/_truffle',
      description: 'zsh (~/.zfunc in fpath, before compinit)',
    },
    { command: 'completion fish > ~/.config/fish/completions/truffle.fish', description: 'fish' },
  ],
  args: completionArgs,
  options: completionOptions,
  load: () => import('./commands/completion.ts'),
});

/** Every truffle command, in `--help` order. */
export const truffleCommands = [search, spot, capacity, az, quotas, refresh, regions, completion];
