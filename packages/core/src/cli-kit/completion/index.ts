import type { ArgSpec, CommandSpec, OptionTable } from '../command-spec.ts';
import { bashCompletion } from './bash-completion.ts';
import { type CompletionModel, completionModel } from './completion-model.ts';
import { fishCompletion } from './fish-completion.ts';
import { powershellCompletion } from './powershell-completion.ts';
import { zshCompletion } from './zsh-completion.ts';

export {
  type CompletionCommand,
  type CompletionModel,
  type CompletionOption,
  completionModel,
} from './completion-model.ts';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The completion script of `shell` for a CLI's model. */
export function completionScript(shell: CompletionShell, model: CompletionModel): string {
  switch (shell) {
    case 'bash':
      return bashCompletion(model);
    case 'zsh':
      return zshCompletion(model);
    case 'fish':
      return fishCompletion(model);
    case 'powershell':
      return powershellCompletion(model);
  }
}

/** The catalog's region codes and instance type names: what `--region` and type arguments complete to. */
export async function catalogCompletionWords(): Promise<{ regions: string[]; instanceTypes: string[] }> {
  const { loadCatalog } = await import('../../catalog/load-catalog.ts');
  const catalog = await loadCatalog();
  const regions = new Set([...Object.keys(catalog.offerings), ...Object.keys(catalog.prices)]);
  const types = new Set([...catalog.types.map((t) => t.instanceType), ...(catalog.unspecified ?? [])]);
  return { regions: [...regions], instanceTypes: [...types] };
}

/** Parses the `completion` command's shell argument (a usage error names the shells). */
export async function completionShell(raw: string): Promise<CompletionShell> {
  const shell = COMPLETION_SHELLS.find((s) => s === raw);
  if (shell) return shell;
  const { UserError } = await import('../../errors/user-error.ts');
  throw new UserError('USAGE', `No completion for the shell "${raw}".`, {
    hint: `Use one of: ${COMPLETION_SHELLS.join(', ')}.`,
  });
}

/**
 * A CLI's `completion SHELL` command: the script for its table and the catalog's words. Both CLIs'
 * handlers are this one call.
 */
export async function completionFor(o: {
  cli: string;
  commands: readonly CommandSpec<OptionTable, readonly ArgSpec[], OptionTable, unknown>[];
  globals: OptionTable;
  shell: string;
}): Promise<string> {
  const shell = await completionShell(o.shell);
  const model = completionModel({
    cli: o.cli,
    commands: o.commands,
    globals: o.globals,
    ...(await catalogCompletionWords()),
  });
  return completionScript(shell, model);
}
