import { type OptionTable, option } from './command-spec.ts';
import { timeoutSeconds } from './option-values.ts';

/**
 * The global options truffle and spawn share (their `GlobalOptions` in command-context.ts), in
 * `--help` order; `between` (a CLI's own globals, e.g. truffle's cache flags) come after `--json`.
 */
export function awsGlobalOptions<const B extends OptionTable>(regionHelp: string, between: B) {
  return {
    region: option.string('regions', regionHelp, { short: 'r', complete: 'region-list' }),
    regions: option.string('regions', 'same as --region', { hidden: true }),
    profile: option.string('name', 'AWS profile for credentials and region'),
    output: option.string(
      'format',
      'table | ndjson | json | csv | yaml | text (default: table on a terminal, ndjson when piped)',
      { short: 'o' },
    ),
    fields: option.string(
      'names',
      'record fields to print in table, csv or text, comma-separated (e.g. instanceType,region)',
    ),
    json: option.flag('same as --output json'),
    ...between,
    timeout: option.value(
      'seconds',
      'seconds to wait for each AWS response before retrying or failing (default 20)',
      timeoutSeconds,
    ),
    debug: option.flag(
      'print the resolved profile, region, credentials and endpoints, then every AWS API call, on stderr',
    ),
    color: option.negation('no colours on stderr'),
  };
}
