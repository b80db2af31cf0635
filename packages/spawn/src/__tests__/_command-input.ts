import {
  type ArgSpec,
  type CommandInput,
  type CommandSpec,
  inputOf as coreInputOf,
  type OptionTable,
} from '@truffle-spawn/core/cli-kit';
import { spawnGlobals } from '../command-table.ts';

/** The input commander would hand `command`'s handler for a command line giving only `given`. */
export function inputOf<C extends CommandSpec<OptionTable, readonly ArgSpec[], typeof spawnGlobals>>(
  command: C,
  given: Partial<CommandInput<C>>,
): CommandInput<C> {
  return coreInputOf(spawnGlobals, command, given);
}
