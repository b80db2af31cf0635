import { UserError } from '../errors/user-error.ts';

export const OUTPUT_FORMATS = ['table', 'ndjson', 'json', 'csv', 'yaml', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `--output` wins, then `--json`; otherwise a table on a terminal and NDJSON when piped. */
export function resolveOutputFormat(o: { output?: string; json?: boolean; isTTY: boolean }): OutputFormat {
  if (o.output !== undefined) {
    const format = OUTPUT_FORMATS.find((f) => f === o.output);
    if (!format) {
      throw new UserError('USAGE', `Unknown output format "${o.output}".`, {
        hint: `Use one of: ${OUTPUT_FORMATS.join(', ')}.`,
      });
    }
    return format;
  }
  if (o.json) return 'json';
  return o.isTTY ? 'table' : 'ndjson';
}

/** NO_COLOR and --no-color turn colour off, FORCE_COLOR turns it on, otherwise only on a terminal. */
export function shouldUseColor(o: {
  env: Record<string, string | undefined>;
  isTTY: boolean;
  flag?: boolean;
}): boolean {
  if (o.flag === false) return false;
  if (o.env.NO_COLOR !== undefined && o.env.NO_COLOR !== '') return false;
  const force = o.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return o.isTTY && o.env.TERM !== 'dumb';
}
