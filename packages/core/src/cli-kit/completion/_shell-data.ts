import type { CompletionModel, CompletionOption } from './completion-model.ts';

const SAFE_WORD = /^[\w.:/+-]+$/;

/** Words spliced into a script unquoted: refuse anything a shell would interpret. */
export function safeWords(words: readonly string[]): string {
  for (const w of words)
    if (!SAFE_WORD.test(w)) throw new Error(`completion: unsafe word ${JSON.stringify(w)}`);
  return words.join(' ');
}

/** What follows an option that takes a value: `words a b c`, a catalog source, `files` or `none`. */
export function valueKind(o: CompletionOption): string {
  if (o.choices) return `words ${safeWords(o.choices)}`;
  if (o.source) return o.source;
  return o.valueName === 'file' || o.valueName === 'path' ? 'files' : 'none';
}

/** The shell-function prefix of a CLI: `_truffle`. */
export function fnPrefix(model: CompletionModel): string {
  if (!/^[a-z][a-z0-9]*$/.test(model.cli)) throw new Error(`completion: unsupported CLI name ${model.cli}`);
  return `_${model.cli}`;
}

/** `(name, options)` per command, plus `('', programOptions)` for the words before one. */
function scopes(model: CompletionModel): [string, readonly CompletionOption[]][] {
  return [
    ['', model.programOptions],
    ...model.commands.map((c): [string, readonly CompletionOption[]] => [c.name, c.options]),
  ];
}

/**
 * The data functions bash and zsh share (POSIX `case` only, valid in both): the command a word
 * names, each scope's options and value options, what an option's value and each positional
 * complete to, and the catalog's lists.
 */
export function shellDataFunctions(model: CompletionModel): string {
  const p = fnPrefix(model);
  const lines: string[] = [];
  lines.push(`${p}_regions="${safeWords(model.regions)}"`);
  lines.push(`${p}_instance_types="${safeWords(model.instanceTypes)}"`);
  lines.push(`${p}_commands="${safeWords(model.commands.flatMap((c) => [c.name, ...c.aliases]))}"`);
  lines.push(`${p}_command() {`, '  case "$1" in');
  for (const c of model.commands)
    lines.push(`    ${safeWords([c.name, ...c.aliases]).replaceAll(' ', '|')}) echo ${c.name} ;;`);
  lines.push('  esac', '}');
  const optionCase = (name: string, pick: (o: CompletionOption) => boolean) => {
    lines.push(`${p}_${name}() {`, '  case "$1" in');
    for (const [scope, options] of scopes(model)) {
      const flags = options.filter(pick).flatMap((o) => o.flags);
      lines.push(`    ${scope === '' ? "''" : scope}) echo "${safeWords(flags)}" ;;`);
    }
    lines.push('  esac', '}');
  };
  optionCase('options', () => true);
  optionCase('value_options', (o) => o.takesValue);
  lines.push(`${p}_values() {`, '  case "$1 $2" in');
  for (const [scope, options] of scopes(model)) {
    for (const o of options.filter((x) => x.takesValue)) {
      const pattern = o.flags.map((f) => `"${scope} ${f}"`).join('|');
      lines.push(`    ${pattern}) echo "${valueKind(o)}" ;;`);
    }
  }
  lines.push('  esac', '}');
  lines.push(`${p}_arg() {`, '  case "$1 $2" in');
  for (const c of model.commands) {
    c.args.forEach((source, i) => {
      if (source) lines.push(`    "${c.name} ${i}") echo ${source} ;;`);
    });
  }
  lines.push('  esac', '}');
  // The words before the cursor: which command, how many positionals, whether `--` was seen.
  lines.push(
    `${p}_scan() {`,
    `  local w skip=0 first=1`,
    `  ${p}_cmd=''; ${p}_npos=0; ${p}_dashdash=0`,
    '  for w in "$@"; do',
    '    if [ $first = 1 ]; then first=0; continue; fi',
    '    if [ $skip = 1 ]; then [ "$w" = = ] || skip=0; continue; fi',
    '    case "$w" in',
    `      --) ${p}_dashdash=1; break ;;`,
    '      -*=*) ;;',
    `      -*) case " $(${p}_value_options "$${p}_cmd") " in *" $w "*) skip=1 ;; esac ;;`,
    '      *)',
    `        if [ -z "$${p}_cmd" ] && [ -n "$(${p}_command "$w")" ]; then ${p}_cmd=$(${p}_command "$w")`,
    `        elif [ -n "$${p}_cmd" ]; then ${p}_npos=$((${p}_npos + 1)); fi ;;`,
    '    esac',
    '  done',
    '}',
  );
  return lines.join('\n');
}
