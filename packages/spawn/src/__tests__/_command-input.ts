import type { ArgSpec, CommandInput, CommandSpec, OptionTable } from '@truffle-spawn/core/cli-kit';
import { spawnGlobals } from '../command-table.ts';

/**
 * The input commander would hand `command`'s handler for a command line giving only `given`: every
 * other option at its default (`--no-x` flags true, absent values undefined). Lets a test call a
 * handler directly with a typed input.
 */
export function inputOf<C extends CommandSpec<OptionTable, readonly ArgSpec[], typeof spawnGlobals>>(
  command: C,
  given: Partial<CommandInput<C>>,
): CommandInput<C> {
  const defaults: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries({ ...spawnGlobals, ...command.options }))
    defaults[key] = spec.default ?? (spec.kind === 'negation' ? true : undefined);
  // The table is the only source of these keys; the result has exactly the handler's input shape.
  return { ...defaults, ...given } as CommandInput<C>;
}
