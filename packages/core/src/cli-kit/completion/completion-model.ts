import type { ArgSpec, CommandSpec, CompletionSource, OptionSpec, OptionTable } from '../command-spec.ts';
import { flagsOf, kebabCase } from '../command-spec.ts';

/** One option as completion sees it: its flags, whether a value follows, and the values to offer. */
export interface CompletionOption {
  readonly flags: readonly string[];
  readonly help: string;
  readonly takesValue: boolean;
  /** The value's placeholder (`file`, `path`: completes file names). */
  readonly valueName?: string;
  readonly choices?: readonly string[];
  readonly source?: CompletionSource;
}

export interface CompletionCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly options: readonly CompletionOption[];
  /** What each positional completes to, in order (the last repeats when variadic). */
  readonly args: readonly (CompletionSource | undefined)[];
}

/** A CLI's completion data, derived from its command table and the catalog. */
export interface CompletionModel {
  readonly cli: string;
  readonly commands: readonly CompletionCommand[];
  /** The command run when none is named (spawn's launch): its options complete before a command. */
  readonly defaultCommand?: string;
  /** The options before any command: the globals (or the default command's options), `--help`, `--version`. */
  readonly programOptions: readonly CompletionOption[];
  readonly regions: readonly string[];
  readonly instanceTypes: readonly string[];
}

const HELP: CompletionOption = { flags: ['-h', '--help'], help: 'display help', takesValue: false };
const VERSION: CompletionOption = {
  flags: ['-v', '--version'],
  help: 'output the version',
  takesValue: false,
};

function completionOptions(table: OptionTable): CompletionOption[] {
  const out: CompletionOption[] = [];
  for (const [key, spec] of Object.entries(table) as [string, OptionSpec][]) {
    if (spec.hidden) continue;
    const flags = flagsOf(key, spec)
      .split(/[ ,]+/)
      .filter((f) => f.startsWith('-'));
    out.push({
      flags,
      help: spec.help,
      takesValue: spec.kind === 'value',
      ...(spec.valueName ? { valueName: spec.valueName } : {}),
      ...(spec.choices ? { choices: spec.choices } : {}),
      ...(spec.complete ? { source: spec.complete } : {}),
    });
    if (spec.negatable)
      out.push({ flags: [`--no-${kebabCase(key)}`], help: spec.negatable, takesValue: false });
  }
  return out;
}

/**
 * The completion model of a CLI: every command (aliases too) with its global and own options, and
 * the catalog's regions and instance types for the options and positionals that name them. The
 * table is the only input, so a new command or option completes without touching this module.
 */
export function completionModel(o: {
  cli: string;
  commands: readonly CommandSpec<OptionTable, readonly ArgSpec[], OptionTable, unknown>[];
  globals: OptionTable;
  regions: readonly string[];
  instanceTypes: readonly string[];
}): CompletionModel {
  const globals = completionOptions(o.globals);
  const commands: CompletionCommand[] = o.commands.map((c) => ({
    name: c.name,
    aliases: c.aliases ?? [],
    summary: c.summary,
    options: [...globals, ...completionOptions(c.options), HELP],
    args: (c.args ?? []).map((a) => a.complete),
  }));
  commands.push({ name: 'help', aliases: [], summary: 'display help for command', options: [], args: [] });
  const fallback = o.commands.find((c) => c.isDefault);
  const programOptions = fallback
    ? [...(commands.find((c) => c.name === fallback.name)?.options ?? []), VERSION]
    : [...globals, HELP, VERSION];
  return {
    cli: o.cli,
    commands,
    ...(fallback ? { defaultCommand: fallback.name } : {}),
    programOptions,
    regions: [...o.regions].sort(),
    instanceTypes: [...o.instanceTypes].sort(),
  };
}
