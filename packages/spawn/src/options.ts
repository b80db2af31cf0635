import { type Command, InvalidArgumentError, Option } from 'commander';

/** Options every spawn command shares. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-r, --region <regions>', 'region (list and cleanup also take a comma list or "all")')
    .addOption(new Option('--regions <regions>', 'same as --region').hideHelp())
    .option('--profile <name>', 'AWS profile for credentials and region')
    .option(
      '-o, --output <format>',
      'table | ndjson | json | csv (default: table on a terminal, ndjson when piped)',
    )
    .option('--json', 'same as --output json')
    .option('--debug', 'print every AWS API call on stderr')
    .option('--no-color', 'no colours on stderr');
}

/** `--regions` and `--region` are the same flag. */
export function mergeRegionFlags<T extends { region?: string; regions?: string }>(opts: T): T {
  return opts.regions !== undefined ? { ...opts, region: opts.regions } : opts;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a whole number greater than 0');
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}
