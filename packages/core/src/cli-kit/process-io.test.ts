import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.ts';
import type { CliIo } from './io.ts';
import { createInterrupts } from './process-io.ts';
import { runMain } from './run-main.ts';

class Exited extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

/** A process stand-in: signals are emitted by hand, exit throws so the test sees it. */
function fakeProcess() {
  const proc = new EventEmitter() as EventEmitter & { exit: (code: number) => never };
  const exits: number[] = [];
  proc.exit = (code: number) => {
    exits.push(code);
    throw new Exited(code);
  };
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (b: Buffer) => {
    text += b.toString();
  });
  return { proc, exits, stderr, text: () => text };
}

const emit = (proc: EventEmitter, name: string) => {
  try {
    proc.emit(name);
  } catch (error) {
    if (!(error instanceof Exited)) throw error;
  }
};

describe('createInterrupts', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s aborts the signal; a second one with nothing protected exits %i', (name, code) => {
    const f = fakeProcess();
    const interrupts = createInterrupts(f.proc as unknown as NodeJS.Process, () => f.stderr);
    expect(interrupts.signal.aborted).toBe(false);
    emit(f.proc, name);
    expect(interrupts.signal.aborted).toBe(true);
    expect(interrupts.received()).toBe(name);
    expect(f.exits).toEqual([]);
    emit(f.proc, 'SIGINT');
    // The first signal decides the code.
    expect(f.exits).toEqual([code]);
  });

  it('during a protected section warns once with what is left, then exits listing it', async () => {
    const f = fakeProcess();
    const interrupts = createInterrupts(f.proc as unknown as NodeJS.Process, () => f.stderr);
    let left = ['instance i-1', 'security-group sg-1'];
    let release = () => {};
    const section = interrupts.protect(
      () => left,
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    emit(f.proc, 'SIGTERM');
    emit(f.proc, 'SIGINT');
    expect(f.exits).toEqual([]);
    expect(f.text()).toContain(
      'rolling back, press Ctrl-C again to abandon (leaves: instance i-1, security-group sg-1)',
    );
    left = ['security-group sg-1'];
    emit(f.proc, 'SIGINT');
    expect(f.exits).toEqual([143]);
    expect(f.text()).toContain('Abandoned the rollback. Left behind: security-group sg-1.');
    release();
    await section;
  });

  it('once the protected section is over, a second signal exits at once again', async () => {
    const f = fakeProcess();
    const interrupts = createInterrupts(f.proc as unknown as NodeJS.Process, () => f.stderr);
    await interrupts.protect(
      () => ['x'],
      async () => {},
    );
    emit(f.proc, 'SIGINT');
    emit(f.proc, 'SIGINT');
    expect(f.exits).toEqual([130]);
    expect(f.text()).toBe('');
  });

  it('exitAtOnce (truffle) exits on the first signal with its code', () => {
    const f = fakeProcess();
    createInterrupts(f.proc as unknown as NodeJS.Process, () => f.stderr, { exitAtOnce: true });
    emit(f.proc, 'SIGHUP');
    expect(f.exits).toEqual([129]);
  });
});

describe('runMain after a signal', () => {
  const io = (received: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | undefined) => {
    const stderr = new PassThrough();
    const stdout = new PassThrough();
    let err = '';
    stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    const cli = {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env: {},
      platform: 'linux',
      homedir: '/h',
      cwd: '/h',
      now: () => new Date(0),
      interrupts: {
        signal: new AbortController().signal,
        received: () => received,
        protect: (_: () => string[], fn: () => Promise<unknown>) => fn(),
      },
    } as CliIo;
    return { cli, err: () => err };
  };

  it('maps a generic failure to the signal code and never prints a stack', async () => {
    const t = io('SIGTERM');
    const code = await runMain(t.cli, async () => {
      throw Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    });
    expect(code).toBe(143);
    expect(t.err()).toContain('Interrupted (SIGTERM)');
    expect(t.err()).not.toMatch(/Internal error|\n\s+at /);
  });

  it('maps INTERRUPTED to 129 for SIGHUP and keeps a specific code', async () => {
    const t = io('SIGHUP');
    expect(await runMain(t.cli, () => Promise.reject(new UserError('INTERRUPTED', 'Interrupted.')))).toBe(
      129,
    );
    expect(await runMain(t.cli, () => Promise.reject(new UserError('USAGE', 'bad')))).toBe(2);
  });

  it('without a signal a non-UserError is still a bug with a stack', async () => {
    const t = io(undefined);
    expect(await runMain(t.cli, () => Promise.reject(new Error('boom')))).toBe(1);
    expect(t.err()).toContain('Internal error');
  });
});
