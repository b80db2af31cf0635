import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commanderOutput } from './commander-output.ts';
import type { CliIo, TtyWritable } from './io.ts';

const stream = (tty?: { columns: number; colors: boolean }): TtyWritable =>
  Object.assign(
    new PassThrough(),
    tty ? { isTTY: true, columns: tty.columns, hasColors: () => tty.colors } : {},
  );

const io = (env: Record<string, string>, stdout: TtyWritable, stderr = stream()): CliIo => ({
  stdin: new PassThrough(),
  stdout,
  stderr,
  env,
  platform: 'linux',
  homedir: '/home/u',
  cwd: '/',
  now: () => new Date(0),
});

describe('commanderOutput', () => {
  it('writes help to io.stdout and errors to io.stderr', () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const o = commanderOutput(io({}, out, err));
    o.writeOut('help\n');
    o.writeErr('oops\n');
    expect(out.read()?.toString()).toBe('help\n');
    expect(err.read()?.toString()).toBe('oops\n');
  });

  it("sizes and colours help like commander's defaults, from the streams written to", () => {
    const terminal = commanderOutput(io({}, stream({ columns: 60, colors: true })));
    expect(terminal.getOutHelpWidth()).toBe(60);
    expect(terminal.getOutHasColors()).toBe(true);
    const piped = commanderOutput(io({}, stream()));
    expect(piped.getOutHelpWidth()).toBeUndefined();
    expect(piped.getOutHasColors()).toBe(false);
    expect(piped.getErrHasColors()).toBe(false);
  });

  it('follows NO_COLOR, FORCE_COLOR and CLICOLOR_FORCE as commander does', () => {
    const terminal = stream({ columns: 80, colors: true });
    expect(commanderOutput(io({ NO_COLOR: '1' }, terminal)).getOutHasColors()).toBe(false);
    expect(commanderOutput(io({ FORCE_COLOR: '0' }, terminal)).getOutHasColors()).toBe(false);
    expect(commanderOutput(io({ FORCE_COLOR: '1' }, stream())).getOutHasColors()).toBe(true);
    expect(commanderOutput(io({ CLICOLOR_FORCE: '' }, stream())).getErrHasColors()).toBe(true);
  });

  // Issue 11: a parse error off a terminal also gives the pipe an `error` record (exit 2 by runMain).
  it('writes a USAGE error record to a non-TTY stdout for parser errors, and none on a terminal', () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const piped = commanderOutput(io({}, out, err));
    piped.outputError("error: unknown option '--bogus'\n", (t) => err.write(t));
    expect(err.read()?.toString()).toBe("error: unknown option '--bogus'\n");
    expect(JSON.parse(out.read()?.toString() ?? '')).toEqual({
      v: 1,
      type: 'error',
      code: 'USAGE',
      message: "unknown option '--bogus'",
      hint: 'See --help for the commands and options.',
    });
    const tty = stream({ columns: 80, colors: false });
    const terminal = commanderOutput(io({}, tty, err));
    terminal.outputError("error: missing required argument 'query'\n", (t) => err.write(t));
    expect((tty as PassThrough).read()).toBeNull();
  });
});
