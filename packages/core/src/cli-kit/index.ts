export { type CommandContext, createCommandContext, type GlobalOptions } from './command-context.ts';
export type { CliIo, TtyReadable, TtyWritable } from './io.ts';
export { createOutput, type Output } from './output.ts';
export { OUTPUT_FORMATS, type OutputFormat, resolveOutputFormat, shouldUseColor } from './output-format.ts';
export { createInterruptSignal, createProcessIo } from './process-io.ts';
export { isBrokenPipe, reportError } from './report-error.ts';
export { runMain } from './run-main.ts';
export { createStyler, type StyleName, type Styler, visibleLength } from './style.ts';
export { type Column, renderCsv, renderTable } from './table.ts';
