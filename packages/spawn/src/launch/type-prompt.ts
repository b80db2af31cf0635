import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { typeChoices } from './type-choices.ts';

/** The instance type picked, with its vCPUs when the catalog knows them (not for spec-less types). */
export interface PickedType {
  instanceType: string;
  vcpus?: number;
}

/**
 * The wizard's instance-type step: a search prompt over the offline catalog (truffle's search),
 * rows with vCPUs, memory, GPUs and $/hour in `region`. Only listed types can be chosen, so a
 * misspelt name is caught here ("did you mean"), not after every other question.
 */
export async function askInstanceType(
  ctx: CommandContext,
  o: { region: string; defaultType: string },
): Promise<PickedType> {
  const [{ search, Separator }, { loadCatalog, findType }] = await Promise.all([
    import('@inquirer/prompts'),
    import('@truffle-spawn/core/catalog'),
  ]);
  const catalog = await loadCatalog();
  const instanceType = await search<string>(
    {
      message: 'Instance type',
      pageSize: 10,
      source: (term) => {
        const { note, choices } = typeChoices(catalog, term, o);
        return note === undefined ? choices : [new Separator(note), ...choices];
      },
    },
    { input: ctx.io.stdin, output: ctx.io.stderr, signal: ctx.signal },
  );
  return { instanceType, vcpus: findType(catalog, instanceType)?.vcpus };
}
