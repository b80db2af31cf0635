import { fnPrefix, safeWords } from './_shell-data.ts';
import type { CompletionModel, CompletionOption } from './completion-model.ts';

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function optionLine(cli: string, condition: string, o: CompletionOption, p: string): string {
  const parts = [`complete -c ${cli} -n ${quote(condition)}`];
  for (const f of o.flags) parts.push(f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`);
  if (o.takesValue) {
    if (o.choices) parts.push(`-x -a ${quote(safeWords(o.choices))}`);
    else if (o.source?.startsWith('region')) parts.push(`-x -a "$${p}_regions"`);
    else if (o.source?.startsWith('instance-type')) parts.push(`-x -a "$${p}_instance_types"`);
    else if (o.valueName === 'file' || o.valueName === 'path') parts.push('-r -F');
    else parts.push('-x');
  }
  parts.push(`-d ${quote(o.help)}`);
  return parts.join(' ');
}

/**
 * A fish completion script (`truffle completion fish | source`), from the command table. Comma
 * lists complete their first item only (fish completes whole tokens).
 */
export function fishCompletion(model: CompletionModel): string {
  const p = fnPrefix(model);
  const cli = model.cli;
  const lines = [
    `# fish completion for ${cli} (generated from its command table by \`${cli} completion fish\`)`,
    `set -l ${p}_regions ${safeWords(model.regions)}`,
    `set -l ${p}_instance_types ${safeWords(model.instanceTypes)}`,
    `complete -c ${cli} -f`,
  ];
  for (const c of model.commands)
    for (const name of [c.name, ...c.aliases])
      lines.push(`complete -c ${cli} -n __fish_use_subcommand -a ${name} -d ${quote(c.summary)}`);
  for (const o of model.programOptions) lines.push(optionLine(cli, '__fish_use_subcommand', o, p));
  for (const c of model.commands) {
    const seen = `__fish_seen_subcommand_from ${safeWords([c.name, ...c.aliases])}`;
    for (const o of c.options) lines.push(optionLine(cli, seen, o, p));
    if (c.args.some((a) => a?.startsWith('instance-type')))
      lines.push(`complete -c ${cli} -n ${quote(seen)} -a "$${p}_instance_types"`);
  }
  return `${lines.join('\n')}\n`;
}
