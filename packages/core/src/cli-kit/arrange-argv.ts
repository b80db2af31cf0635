import type { ArgSpec, CommandSpec, OptionSpec, OptionTable } from './command-spec.ts';
import { kebabCase } from './command-spec.ts';

type AnyCommand = CommandSpec<OptionTable, readonly ArgSpec[], OptionTable, unknown>;

/** The command line to parse, or the word that names no command (with the nearest command name). */
export type ArrangedArgv =
  | { readonly argv: string[] }
  | { readonly unknownCommand: string; readonly suggestion?: string };

/** Whether a flag takes the next word as its value. */
type Consumes = 'always' | 'unless-dash' | 'never';

/** Each flag of a table (`--instance-type`, `-t`, `--no-burstable`): its key, and whether it takes the next word. */
export function flagTable(table: OptionTable): Map<string, { key: string; consumes: Consumes }> {
  const flags = new Map<string, { key: string; consumes: Consumes }>();
  for (const [key, spec] of Object.entries(table) as [string, OptionSpec][]) {
    const consumes =
      spec.kind === 'value' ? 'always' : spec.kind === 'optional-value' ? 'unless-dash' : 'never';
    flags.set(spec.kind === 'negation' ? `--no-${kebabCase(key)}` : `--${kebabCase(key)}`, { key, consumes });
    if (spec.short) flags.set(`-${spec.short}`, { key, consumes });
    if (spec.negatable) flags.set(`--no-${kebabCase(key)}`, { key, consumes: 'never' });
  }
  return flags;
}

/** Edit distance with adjacent transpositions (`lsit` is one step from `list`). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The command name nearest to `word`, if any is close enough to be what was meant. */
export function nearestCommand(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = name.startsWith(word) && word.length >= 2 ? 0.5 : editDistance(word, name);
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

/**
 * The command line as commander should see it. Global options given before the command move
 * after it (`truffle --region x search y` is `truffle search --region x y`), since commander
 * knows them per command. A first bare word that names no command is an unknown command (with
 * the nearest name), unless a default command takes it as a positional: without this, `spawn lsit`
 * reached the default command and failed with "too many arguments for 'launch'".
 */
export function arrangeArgv(
  argv: readonly string[],
  commands: readonly AnyCommand[],
  globals: OptionTable,
): ArrangedArgv {
  const names = [...commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]), 'help'];
  const fallback = commands.find((c) => c.isDefault);
  const globalFlags = flagTable(globals);
  const known = new Map([...globalFlags, ...flagTable(fallback?.options ?? {})]);
  let onlyGlobals = true;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') break;
    if (word.startsWith('-') && word.length > 1) {
      const flag = word.split('=')[0] ?? word;
      const consumes = known.get(flag)?.consumes;
      // An option commander will refuse anyway (or -h, -v): leave the whole line to it.
      if (consumes === undefined) return { argv: [...argv] };
      if (!globalFlags.has(flag)) onlyGlobals = false;
      // commander's rule: a required value is the next word whatever it is, an optional one unless it is a flag.
      const next = argv[i + 1];
      if (!word.includes('=') && next !== undefined)
        if (consumes === 'always' || (consumes === 'unless-dash' && !next.startsWith('-'))) i++;
      continue;
    }
    if (names.includes(word)) {
      if (i === 0 || !onlyGlobals) return { argv: [...argv] };
      return { argv: [word, ...argv.slice(0, i), ...argv.slice(i + 1)] };
    }
    if (fallback && (fallback.args ?? []).length > 0) return { argv: [...argv] };
    const suggestion = nearestCommand(word, names);
    return { unknownCommand: word, ...(suggestion ? { suggestion } : {}) };
  }
  return { argv: [...argv] };
}
