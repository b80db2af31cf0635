import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { LaunchInput } from '../command-table.ts';

/** The launch command's parsed input (globals and launch options), as the command table declares it. */
export type LaunchOptions = LaunchInput;

/**
 * Fills the launch options the user did not pass from the config file's defaults (flags win),
 * saying under `--debug` which value came from where.
 */
export async function withConfigDefaults(ctx: CommandContext, input: LaunchInput): Promise<LaunchOptions> {
  const { path, values } = await ctx.defaults();
  if (!path) return input;
  const ttl = values.ttl === 'off' ? false : values.ttl;
  const filled: [keyof LaunchInput, string, unknown][] = [
    ['ttl', 'ttl', ttl],
    ['idleTimeout', 'idle-timeout', values['idle-timeout']],
    ['sshCidr', 'ssh-cidr', values['ssh-cidr']],
    // No shell expands a file's `~/`, as it would a flag's.
    ['key', 'key', values.key?.replace(/^~(?=$|[/\\])/, ctx.io.homedir)],
  ];
  const out: LaunchOptions = { ...input, tag: withConfigTags(input.tag, values.tags) };
  for (const [option, key, value] of filled) {
    if (value === undefined) continue;
    const flag = input[option] !== undefined;
    if (ctx.opts.debug)
      ctx.output.info(
        `[config] ${key}: ${flag ? `--${key} wins over ${path}` : `${String(value)} from ${path}`}`,
      );
    if (!flag) Object.assign(out, { [option]: value });
  }
  if (values.tags && ctx.opts.debug)
    ctx.output.info(`[config] tags ${JSON.stringify(values.tags)} from ${path}`);
  return out;
}

/**
 * The config file's `tags` as `--tag KEY=VALUE` texts ahead of the flags' own, so both are checked
 * by the same rules; a key the flags give is the flag's (a duplicate key is otherwise refused).
 */
export function withConfigTags(
  flagTags: readonly string[],
  config: Record<string, string> | undefined,
): string[] {
  if (!config) return [...flagTags];
  const flagKeys = new Set(flagTags.map((t) => t.split('=', 1)[0]));
  const fromConfig = Object.entries(config)
    .filter(([key]) => !flagKeys.has(key))
    .map(([key, value]) => `${key}=${value}`);
  return [...fromConfig, ...flagTags];
}
