import type { LaunchInput } from '../command-table.ts';

/** The launch command's parsed input (globals and launch options), as the command table declares it. */
export type LaunchOptions = LaunchInput;
