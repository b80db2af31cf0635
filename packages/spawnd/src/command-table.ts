import { arg, commandsWith, type InputOf, option } from '@truffle-spawn/core/cli-kit';
import type { SpawndContext } from './context.ts';

/**
 * spawnd's commands as data: commander registration and `--help` come from this list. A new
 * command is one entry here plus one handler file in `commands/`. spawnd has no global options.
 */
export const spawndGlobals = {} as const;

const command = commandsWith<typeof spawndGlobals, SpawndContext>(spawndGlobals);
/** A handler's input: its own options and its positionals (camelCase). */
export type Input<O, A extends readonly unknown[] = readonly []> = InputOf<typeof spawndGlobals & O, A>;

const runOptions = {
  interval: option.string('duration', 'check period (default 60s)'),
};
export type RunInput = Input<typeof runOptions>;
export const run = command({
  name: 'run',
  summary: 'run the agent (what systemd starts)',
  examples: [
    { command: 'run', description: 'what the systemd unit runs: check every minute' },
    { command: 'run --interval 30s', description: 'check twice a minute' },
  ],
  options: runOptions,
  load: () => import('./commands/run.ts'),
});

const statusOptions = {};
export type StatusInput = Input<typeof statusOptions>;
export const status = command({
  name: 'status',
  summary: 'print the agent status as JSON: next action, when, and what keeps the instance alive',
  examples: [
    { command: 'status', description: 'the next action, when, and why the instance counts as busy' },
    { command: 'status | jq .nextAction', description: 'only the next action' },
  ],
  options: statusOptions,
  load: () => import('./commands/status.ts'),
});

const extendArgs = [arg.required('duration', 'how much later, e.g. 2h')] as const;
const extendOptions = {};
export type ExtendInput = Input<typeof extendOptions, typeof extendArgs>;
export const extend = command({
  name: 'extend',
  summary: 'postpone the TTL (moves the spawn:expires-at tag)',
  examples: [
    { command: 'extend 2h', description: 'two more hours' },
    { command: 'extend 30m', description: 'half an hour more' },
  ],
  args: extendArgs,
  options: extendOptions,
  // `extend -1h` reaches the handler's duration check (INVALID_DURATION), not commander's refusal.
  allowDashValues: true,
  load: () => import('./commands/extend.ts'),
});

export const spawndCommands = [run, status, extend];
