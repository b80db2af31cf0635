import { timeoutSeconds } from '@truffle-spawn/core/cli-kit';
import { type Command, Option } from 'commander';

/** Adds the options every truffle command shares. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-r, --region <regions>', 'region(s): us-east-1, a comma list, or "all"')
    .addOption(new Option('--regions <regions>', 'same as --region').hideHelp())
    .option('--profile <name>', 'AWS profile for credentials and region')
    .option(
      '-o, --output <format>',
      'table | ndjson | json | csv (default: table on a terminal, ndjson when piped)',
    )
    .option('--json', 'same as --output json')
    .option('--no-cache', 'neither read nor write the local cache')
    .option('--refresh', 'ignore cached data and fetch it again')
    .option('--offline', 'use the embedded catalog, no AWS calls')
    .option(
      '--timeout <seconds>',
      'seconds to wait for each AWS response before retrying or failing (default 20)',
      timeoutSeconds,
    )
    .option('--debug', 'print every AWS API call on stderr')
    .option('--no-color', 'no colours on stderr');
}
