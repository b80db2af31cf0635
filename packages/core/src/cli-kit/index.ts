export {
  awsRequestTimeoutMs,
  type CommandContext,
  createCommandContext,
  type GlobalOptions,
} from './command-context.ts';
export {
  type ArgSpec,
  arg,
  type CommandInput,
  type CommandSpec,
  camelCase,
  commandsWith,
  type Example,
  flagsOf,
  globalsOf,
  type HandlerModule,
  type InputOf,
  inputOf,
  kebabCase,
  type OptionSpec,
  type OptionTable,
  option,
} from './command-spec.ts';
export { type CommanderOutput, commanderOutput } from './commander-output.ts';
export { awsGlobalOptions } from './global-options.ts';
export type { CliIo, InterruptSignalName, Interrupts, TtyReadable, TtyWritable } from './io.ts';
export { noteHiddenByLimit } from './limit-note.ts';
export {
  mergeRegionFlags,
  nonNegativeInt,
  nonNegativeNumber,
  numberRange,
  positiveInt,
  timeoutSeconds,
  typeNameRegex,
} from './option-values.ts';
export { createOutput, type Output } from './output.ts';
export { OUTPUT_FORMATS, type OutputFormat, resolveOutputFormat, shouldUseColor } from './output-format.ts';
export { createInterrupts, createProcessIo, SIGNAL_EXIT_CODES } from './process-io.ts';
export { type Progress, type ProgressCount, silentProgress } from './progress.ts';
export { cancelledAtPrompt, isPromptCancelled } from './prompt-cancelled.ts';
export {
  addEveryOption,
  commanderOptions,
  examplesText,
  parseCommandLine,
  type RegisterOptions,
  registerCommands,
} from './register-commands.ts';
export { isBrokenPipe, reportError } from './report-error.ts';
export { runMain } from './run-main.ts';
export { createStyler, type StyleName, type Styler, visibleLength } from './style.ts';
export { type Column, renderCsv, renderRecordsCsv, renderTable } from './table.ts';
