import type { CliIo, TtyWritable } from './io.ts';

/** The part of commander's `configureOutput` settings that touches the process (structural: core has no commander). */
export interface CommanderOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
  getOutHelpWidth(): number;
  getErrHelpWidth(): number;
  getOutHasColors(): boolean;
  getErrHasColors(): boolean;
  outputError(text: string, write: (text: string) => void): void;
}

/**
 * Commander's output settings on `io` instead of the process globals. Its defaults read
 * `process.stdout` for the help width and colours, which builds the stream (net and stream
 * modules, ~8 ms) even when the help text itself goes elsewhere; these make the same decisions
 * (commander 14's `useColor` conventions) from the streams the text is written to.
 */
export function commanderOutput(io: CliIo): CommanderOutput {
  const forced = (): boolean | undefined => {
    const { NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE } = io.env;
    if (NO_COLOR || FORCE_COLOR === '0' || FORCE_COLOR === 'false') return false;
    if (FORCE_COLOR || CLICOLOR_FORCE !== undefined) return true;
    return undefined;
  };
  // Off a terminal commander's own default is undefined too (then it wraps at 80); its typings say number.
  const width = (s: TtyWritable) => (s.isTTY ? s.columns : undefined) as number;
  const colors = (s: TtyWritable & { hasColors?: () => boolean }) =>
    forced() ?? Boolean(s.isTTY && s.hasColors?.());
  return {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    getOutHelpWidth: () => width(io.stdout),
    getErrHelpWidth: () => width(io.stderr),
    getOutHasColors: () => colors(io.stdout),
    getErrHasColors: () => colors(io.stderr),
    // A parse error (unknown option, missing argument) is a usage error like any other: off a
    // terminal the next program in the pipe gets an `error` record, as reportError writes it.
    outputError: (text, write) => {
      write(text);
      if (io.stdout.isTTY) return;
      const message =
        text
          .replace(/^error: /, '')
          .trim()
          .split('\n')[0] ?? '';
      const nearest = /\(Did you mean (.+)\?\)/.exec(text)?.[1];
      const hint = `${nearest ? `Did you mean ${nearest}? ` : ''}See --help for the commands and options.`;
      io.stdout.write(`${JSON.stringify({ v: 1, type: 'error', code: 'USAGE', message, hint })}\n`);
    },
  };
}
