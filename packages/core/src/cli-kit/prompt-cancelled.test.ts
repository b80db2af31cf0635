import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../errors/exit-codes.ts';
import type { CliIo } from './io.ts';
import { cancelledAtPrompt, isPromptCancelled } from './prompt-cancelled.ts';
import { runMain } from './run-main.ts';

/** What @inquirer/core rejects with on Ctrl-C at a question (its class, by name). */
class ExitPromptError extends Error {
  override name = 'ExitPromptError';
}

function pipedIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (b: Buffer) => {
    text.out += b.toString();
  });
  stderr.on('data', (b: Buffer) => {
    text.err += b.toString();
  });
  const io = {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: {},
    platform: 'linux',
    homedir: '/h',
    cwd: '/h',
    now: () => new Date(0),
  } as CliIo;
  return { io, text };
}

describe('Ctrl-C at a prompt (issue 15)', () => {
  it('is never an internal error: runMain exits 130 with "Cancelled", no stack, an error record', async () => {
    const { io, text } = pipedIo();
    const code = await runMain(io, async () => {
      throw new ExitPromptError('User force closed the prompt with SIGINT');
    });
    expect(code).toBe(ExitCode.interrupted);
    expect(text.err).toContain('Cancelled');
    expect(text.err).not.toContain('Internal error');
    expect(text.err).not.toMatch(/\n\s+at /);
    expect(JSON.parse(text.out)).toMatchObject({ type: 'error', code: 'CANCELLED' });
  });

  it('keeps a caller’s own words and leaves other errors alone', () => {
    const cancel = cancelledAtPrompt(new ExitPromptError('x'), 'Cancelled, nothing was created.');
    expect(cancel).toMatchObject({ code: 'CANCELLED', message: 'Cancelled, nothing was created.' });
    const bug = new TypeError('boom');
    expect(cancelledAtPrompt(bug)).toBe(bug);
    expect(isPromptCancelled(Object.assign(new Error('x'), { name: 'AbortPromptError' }))).toBe(true);
    expect(isPromptCancelled({ name: 'ExitPromptError' })).toBe(false);
  });
});
