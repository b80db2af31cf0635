import type { CommandContext } from './command-context.ts';

/**
 * A CLI command as data (the idea of wrangler's `createCommand`): name, help, positional
 * arguments, options and a lazy handler. The handler's input type is inferred from the table, so
 * renaming a flag renames the property the handler reads, and a stale read fails to compile.
 *
 * An option's long flag is derived from its key: `instanceType` is `--instance-type`, and a
 * `negation` keyed `cache` is `--no-cache` (commander's own attribute naming, so the two agree).
 */
export interface OptionSpec<T = unknown> {
  readonly kind: 'flag' | 'negation' | 'value' | 'optional-value';
  readonly help: string;
  /** One letter: `-t`. */
  readonly short?: string;
  /** The value's placeholder in help: `--ttl <duration>`. */
  readonly valueName?: string;
  /** Turns the text into the value (throws InvalidOptionValue-shaped errors: exit 2). */
  readonly parse?: (raw: string, previous: unknown) => unknown;
  readonly choices?: readonly string[];
  readonly default?: unknown;
  /** Not shown in `--help` (aliases kept for old scripts). */
  readonly hidden?: boolean;
  /** Also accept `--no-<flag>` with this help (the value is then `false`). */
  readonly negatable?: string;
  /** What shell completion offers for the value (beyond `choices`): catalog regions or instance types. */
  readonly complete?: CompletionSource;
  /** Phantom: the value type the handler sees. Never set. */
  readonly __value?: T;
}

/**
 * Values shell completion takes from the catalog: region codes or instance type names; the
 * `-list` forms complete each item of a comma list (`--region us-east-1,eu-w<TAB>`).
 */
export type CompletionSource = 'regions' | 'region-list' | 'instance-types' | 'instance-type-list';

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface ArgSpec<Name extends string = string, T = unknown> {
  readonly name: Name;
  readonly help: string;
  readonly kind: 'required' | 'optional' | 'variadic';
  /** What shell completion offers for it. */
  readonly complete?: CompletionSource;
  /** Phantom: the value type the handler sees. Never set. */
  readonly __value?: T;
}

interface Common {
  short?: string;
  hidden?: boolean;
  complete?: CompletionSource;
}

/** Option builders; each returns a spec whose phantom type is what the handler reads. */
export const option = {
  /** `--spot`: true when given. With `negatable`, `--no-burstable` gives false. */
  flag(help: string, o: Common & { negatable?: string } = {}): OptionSpec<boolean | undefined> {
    return { kind: 'flag', help, ...o };
  },
  /** Keyed `cache`: `--no-cache`; true unless given. */
  negation(help: string, o: { hidden?: boolean } = {}): OptionSpec<boolean> {
    return { kind: 'negation', help, ...o };
  },
  /** `--name <name>` as text. */
  string(
    valueName: string,
    help: string,
    o: Common & { negatable?: undefined; default?: undefined } = {},
  ): OptionSpec<string | undefined> {
    return { kind: 'value', help, valueName, ...o };
  },
  /** `--ttl <duration>` that also takes `--no-ttl` (false). */
  stringOrOff(
    valueName: string,
    help: string,
    negatable: string,
    o: Common = {},
  ): OptionSpec<string | false | undefined> {
    return { kind: 'value', help, valueName, negatable, ...o };
  },
  /** `--disk <GiB>` through a parser from option-values. */
  value<T>(
    valueName: string,
    help: string,
    parse: (raw: string) => T,
    o: Common = {},
  ): OptionSpec<T | undefined> {
    return { kind: 'value', help, valueName, parse: (raw) => parse(raw), ...o };
  },
  /** `--tag K=V --tag K2=V2`: every occurrence, parsed, in order. */
  repeatable<T>(valueName: string, help: string, parse: (raw: string) => T, o: Common = {}): OptionSpec<T[]> {
    return {
      kind: 'value',
      help,
      valueName,
      parse: (raw, previous) => [...((previous as T[] | undefined) ?? []), parse(raw)],
      default: [],
      ...o,
    };
  },
  /** `--arch <arch>` limited to `choices`; with `fallback`, the value when the flag is absent. */
  choice<const C extends readonly string[]>(
    valueName: string,
    help: string,
    choices: C,
    o: Common = {},
  ): OptionSpec<C[number] | undefined> {
    return { kind: 'value', help, valueName, choices, ...o };
  },
  choiceWithDefault<const C extends readonly string[]>(
    valueName: string,
    help: string,
    choices: C,
    fallback: C[number],
    o: Common = {},
  ): OptionSpec<C[number]> {
    return { kind: 'value', help, valueName, choices, default: fallback, ...o };
  },
  /** `--use-reservation [id]`: true without a value, the text with one. */
  optionalValue(valueName: string, help: string, o: Common = {}): OptionSpec<string | true | undefined> {
    return { kind: 'optional-value', help, valueName, ...o };
  },
} as const;

type ArgCommon = { complete?: CompletionSource };

export const arg = {
  required<const N extends string>(name: N, help: string, o: ArgCommon = {}): ArgSpec<N, string> {
    return { name, help, kind: 'required', ...o };
  },
  optional<const N extends string>(name: N, help: string, o: ArgCommon = {}): ArgSpec<N, string | undefined> {
    return { name, help, kind: 'optional', ...o };
  },
  /** The rest of the words (`connect NAME -- ARGS...`). */
  variadic<const N extends string>(name: N, help: string): ArgSpec<N, string[]> {
    return { name, help, kind: 'variadic' };
  },
} as const;

type ValueOf<S> = S extends OptionSpec<infer T> ? T : never;
type CamelCase<S extends string> = S extends `${infer H}-${infer R}` ? `${H}${Capitalize<CamelCase<R>>}` : S;
type ArgValues<A extends readonly ArgSpec[]> = {
  [S in A[number] as CamelCase<S['name']>]: S extends ArgSpec<string, infer T> ? T : never;
};
type Flatten<T> = { [K in keyof T]: T[K] };

/** What a handler receives: every option by its key, every positional by its camelCase name. */
export type InputOf<O, A extends readonly unknown[] = readonly []> = Flatten<
  { readonly [K in keyof O]: ValueOf<O[K]> } & Readonly<ArgValues<Extract<A, readonly ArgSpec[]>>>
>;

export interface Example {
  readonly command: string;
  readonly description: string;
}

/** A handler module, loaded only when its command runs (`Ctx`: what its CLI hands every handler). */
export interface HandlerModule<I, Ctx = CommandContext> {
  run(ctx: Ctx, input: I): Promise<void>;
}

export interface CommandSpec<
  O extends OptionTable = OptionTable,
  A extends readonly ArgSpec[] = readonly ArgSpec[],
  G extends OptionTable = OptionTable,
  Ctx = CommandContext,
> {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly examples?: readonly Example[];
  readonly args?: A;
  readonly options: O;
  /** The command run when none is named (`spawn` alone launches). */
  readonly isDefault?: boolean;
  /** A positional may start with a dash (`spawnd extend -1h`): the handler checks it, not commander. */
  readonly allowDashValues?: boolean;
  readonly load: () => Promise<HandlerModule<InputOf<G & O, A>, Ctx>>;
}

/**
 * Declares a command of a CLI whose global options are `G`. Curried so `G` is fixed once per CLI
 * and `O`/`A` are inferred per command:
 * `const command = commandsWith(globalOptions); export const search = command({ ... })`.
 */
export function commandsWith<G extends OptionTable, Ctx = CommandContext>(_globals: G) {
  return <const O extends OptionTable, const A extends readonly ArgSpec[] = readonly []>(
    spec: CommandSpec<O, A, G, Ctx>,
  ): CommandSpec<O, A, G, Ctx> => spec;
}

/** The input type of a command declared with `commandsWith`. */
export type CommandInput<C> =
  C extends CommandSpec<infer O, infer A, infer G, infer _Ctx> ? InputOf<G & O, A> : never;

/** `instanceType` -> `instance-type`. */
export function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `ssh-args` -> `sshArgs`. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The flags text commander parses: `-t, --instance-type <type>`, `--no-cache`, `--use-reservation [id]`. */
export function flagsOf(key: string, spec: OptionSpec): string {
  const long = spec.kind === 'negation' ? `--no-${kebabCase(key)}` : `--${kebabCase(key)}`;
  const value =
    spec.kind === 'value'
      ? ` <${spec.valueName}>`
      : spec.kind === 'optional-value'
        ? ` [${spec.valueName}]`
        : '';
  return `${spec.short ? `-${spec.short}, ` : ''}${long}${value}`;
}

/** The global options of a command's input: what the command context is built from. */
export function globalsOf<G extends OptionTable>(
  globals: G,
  input: Readonly<Record<string, unknown>>,
): { [K in keyof G]?: unknown } {
  return Object.fromEntries(Object.keys(globals).map((key) => [key, input[key]])) as {
    [K in keyof G]?: unknown;
  };
}

/**
 * The input commander would hand `command`'s handler for a command line giving only `given`: every
 * other option at its default (`--no-x` true, absent values undefined). Lets a test call a handler
 * directly with a typed input.
 */
export function inputOf<G extends OptionTable, C extends CommandSpec<OptionTable, readonly ArgSpec[], G>>(
  globals: G,
  command: C,
  given: Partial<CommandInput<C>>,
): CommandInput<C> {
  const defaults: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries({ ...globals, ...command.options }))
    defaults[key] = spec.default ?? (spec.kind === 'negation' ? true : undefined);
  // The table is the only source of these keys: the result has exactly the handler's input shape.
  return { ...defaults, ...given } as CommandInput<C>;
}
