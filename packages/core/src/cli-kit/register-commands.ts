// Types only: core has no runtime dependency on commander; the CLI passes its program in.
import type { Command, Option } from 'commander';
import { arrangeArgv, flagTable } from './arrange-argv.ts';
import type { ArgSpec, CommandSpec, OptionSpec, OptionTable } from './command-spec.ts';
import { camelCase, flagsOf, kebabCase } from './command-spec.ts';

export interface RegisterOptions<Ctx = unknown> {
  /** Options every command takes (`--region`, `--output`...), registered before its own. */
  readonly globals: OptionTable;
  /**
   * The words of the run, when the program is built to parse them: if they name a command and ask
   * for no help, only that command is registered (see {@link namedCommand}).
   */
  readonly argv?: readonly string[];
  /** Runs a command with its parsed input (options by key and positionals by camelCase name). */
  run(
    command: CommandSpec<OptionTable, readonly ArgSpec[], OptionTable, Ctx>,
    input: Record<string, unknown>,
  ): Promise<void>;
}

/** The commander options of one table entry, in order (a negatable flag gives two). */
export function commanderOptions(cmd: Command, table: OptionTable): Option[] {
  const options: Option[] = [];
  for (const [key, spec] of Object.entries(table)) {
    options.push(commanderOption(cmd, key, spec));
    if (spec.negatable) {
      const no = cmd.createOption(`--no-${kebabCase(key)}`, spec.negatable);
      if (spec.hidden) no.hideHelp();
      options.push(no);
    }
  }
  return options;
}

function commanderOption(cmd: Command, key: string, spec: OptionSpec): Option {
  const o = cmd.createOption(flagsOf(key, spec), spec.help);
  if (o.attributeName() !== key)
    throw new Error(`option ${key}: commander names it ${o.attributeName()} (keys are the camelCase flag)`);
  if (spec.choices) o.choices(spec.choices);
  const { parse } = spec;
  if (parse) o.argParser((raw: string, previous: unknown) => parse(raw, previous));
  if (spec.default !== undefined) o.default(spec.default);
  if (spec.hidden) o.hideHelp();
  return o;
}

/** commander's attribute name for a key's long flag: its camelcase of the flag's words. */
function commanderAttribute(key: string): string {
  return kebabCase(key)
    .split('-')
    .reduce((name, word) => name + (word[0]?.toUpperCase() ?? '') + word.slice(1));
}

/**
 * The keys of the options `words` give, when commander, parsing them against only those options,
 * parses exactly as against all of them: every word it reads as an option is one of them (its
 * value words skipped by commander's rule). Otherwise undefined, and every option is built: an
 * unknown or unusual word (`-abc`, `--max-price -1`, `--help`) gets commander's own handling
 * (errors name the nearest option; help lists them all).
 */
export function optionsGiven(words: readonly string[], table: OptionTable): Set<string> | undefined {
  const flags = flagTable(table);
  const given = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') break;
    if (word.length < 2 || !word.startsWith('-')) continue;
    const eq = word.indexOf('=');
    const flag = flags.get(eq > 0 && word.startsWith('--') ? word.slice(0, eq) : word);
    if (!flag) return undefined;
    given.add(flag.key);
    const next = words[i + 1];
    if (eq < 0 && next !== undefined)
      if (flag.consumes === 'always' || (flag.consumes === 'unless-dash' && !next.startsWith('-'))) i++;
  }
  return given;
}

function argumentText(spec: ArgSpec): string {
  if (spec.kind === 'required') return `<${spec.name}>`;
  return spec.kind === 'variadic' ? `[${spec.name}...]` : `[${spec.name}]`;
}

/** The `Examples:` block commander prints after a command's help. */
export function examplesText(spec: Pick<CommandSpec, 'examples'>, cliName: string): string {
  if (!spec.examples?.length) return '';
  const width = Math.max(...spec.examples.map((e) => e.command.length));
  const lines = spec.examples.map((e) => `  $ ${cliName} ${e.command.padEnd(width)}  # ${e.description}`);
  return `\nExamples:\n${lines.join('\n')}`;
}

const everyOption = new WeakMap<Command, () => void>();

/** Adds every command's options and examples now (what `help <command>` needs; tests). */
export function addEveryOption(program: Command): void {
  everyOption.get(program)?.();
}

/**
 * Registers every table entry on `program`: arguments, global then own options, aliases, help
 * with examples, and an action that collects the input and hands it to `run`. The table is the
 * only list: commander, `--help`, completion and the build all read it.
 *
 * A command's options and examples are added when commander dispatches to it (its
 * `preSubcommand` hook): a run parses one command, and building every option of every command
 * took a fifth of `truffle --help`. The program's command list still shows `[options]` for each.
 * Of that command's options only those its words give are built (see optionsGiven); the others
 * get their defaults as commander would store them, which is all a parse reads of them.
 */
export function registerCommands<Ctx>(
  program: Command,
  commands: readonly CommandSpec<OptionTable, readonly ArgSpec[], OptionTable, Ctx>[],
  o: RegisterOptions<Ctx>,
): void {
  const pending = new Map<Command, (words?: readonly string[]) => void>();
  const terms = new Map<Command, string>();
  const only = o.argv && namedCommand(o.argv, commands, o.globals);
  for (const spec of commands) {
    if (only && spec !== only) continue;
    const cmd = program.command(spec.name, spec.isDefault ? { isDefault: true } : {});
    for (const alias of spec.aliases ?? []) cmd.alias(alias);
    cmd.description(spec.summary);
    const args = spec.args ?? [];
    for (const a of args) cmd.argument(argumentText(a), a.help);
    if (spec.allowDashValues) cmd.allowUnknownOption();
    const hasOptions = Object.keys(o.globals).length + Object.keys(spec.options).length > 0;
    terms.set(
      cmd,
      [
        `${spec.name}${spec.aliases?.[0] ? `|${spec.aliases[0]}` : ''}`,
        ...(hasOptions ? ['[options]'] : []),
        ...args.map(argumentText),
      ].join(' '),
    );
    pending.set(cmd, (words) => {
      const optionKeys = new Set([...Object.keys(o.globals), ...Object.keys(spec.options)]);
      for (const a of args)
        if (optionKeys.has(camelCase(a.name)))
          throw new Error(`${spec.name}: argument ${a.name} and an option share a name`);
      const table: OptionTable = { ...o.globals, ...spec.options };
      const given = words && optionsGiven(words, table);
      // In table order, one at a time: commander's opts() keys keep the order a full build gives.
      for (const [key, option] of Object.entries(table)) {
        if (!given || given.has(key))
          for (const made of commanderOptions(cmd, { [key]: option })) cmd.addOption(made);
        else storeDefault(cmd, key, option);
      }
      const examples = examplesText(spec, program.name());
      if (examples) cmd.addHelpText('after', examples);
    });
    cmd.action(async (...values: unknown[]) => {
      const command = values.at(-1) as Command;
      const input: Record<string, unknown> = { ...command.opts() };
      args.forEach((a, i) => {
        input[camelCase(a.name)] = values[i];
      });
      await o.run(spec, input);
    });
  }
  const complete = (cmd: Command, words?: readonly string[]) => {
    const add = pending.get(cmd);
    pending.delete(cmd);
    add?.(words);
  };
  program.hook('preSubcommand', (parent, sub) => {
    // What the command parses: the parent's words after its name (all of them for a default command).
    const [first, ...rest] = parent.args;
    complete(sub, first === sub.name() || sub.aliases().includes(first ?? '') ? rest : parent.args);
  });
  // `help <command>` prints the command's help without dispatching to it.
  everyOption.set(program, () => {
    for (const cmd of [...pending.keys()]) complete(cmd);
  });
  // commander's own term (name|alias [options] <args>) would read the options not yet added.
  const commanderHelp = program.createHelp();
  program.configureHelp({
    ...program.configureHelp(),
    subcommandTerm: (cmd) => terms.get(cmd) ?? commanderHelp.subcommandTerm(cmd),
  });
}

/**
 * The command `argv` runs, when its words name one (first word once global options are moved
 * behind it) and ask for no help: a run parses one command, and registering the others cost
 * ~0.9M instructions of an offline search (commander builds a Command for each). Undefined
 * otherwise (`help`, `-h` anywhere, an unknown word, the default command): every command is
 * registered and commander answers as it always has.
 */
export function namedCommand<C extends CommandSpec<OptionTable, readonly ArgSpec[], OptionTable, never>>(
  argv: readonly string[],
  commands: readonly C[],
  globals: OptionTable,
): C | undefined {
  if (argv.some((a) => a === '-h' || a === '--help')) return undefined;
  const arranged = arrangeArgv(argv, commands, globals);
  const first = 'argv' in arranged ? arranged.argv[0] : undefined;
  return commands.find((c) => c.name === first || (first !== undefined && c.aliases?.includes(first)));
}

/** What `addOption` would store for an option not built: its default (`--no-x` alone: x = true). */
function storeDefault(cmd: Command, key: string, option: OptionTable[string]): void {
  const attribute = commanderAttribute(key);
  if (attribute !== key)
    throw new Error(`option ${key}: commander names it ${attribute} (keys are the camelCase flag)`);
  const value = option.kind === 'negation' ? (option.default ?? true) : option.default;
  if (value !== undefined) cmd.setOptionValueWithSource(key, value, 'default');
}

/**
 * Parses a command line against the table: global options may come before the command, and a
 * word that names no command is commander's unknown-command error (exit 2) with the nearest name,
 * even where a default command exists (see arrangeArgv).
 */
export function parseCommandLine(
  program: Command,
  argv: readonly string[],
  commands: readonly CommandSpec<OptionTable, readonly ArgSpec[], OptionTable, unknown>[],
  globals: OptionTable,
): Promise<Command> {
  const arranged = arrangeArgv(argv, commands, globals);
  if ('unknownCommand' in arranged) {
    const hint = arranged.suggestion ? `\n(Did you mean ${arranged.suggestion}?)` : '';
    program.error(`error: unknown command '${arranged.unknownCommand}'${hint}`, {
      exitCode: 2,
      code: 'commander.unknownCommand',
    });
  }
  if (arranged.argv.includes('help')) addEveryOption(program);
  return program.parseAsync(arranged.argv, { from: 'user' });
}
