import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCommandContext } from './command-context.ts';
import type { Progress } from './progress.ts';

function recorder(): Progress & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    start: (text) => log.push(`start ${text}`),
    update: ({ done, total }) => log.push(`update ${done}/${total}`),
    stop: () => log.push('stop'),
  };
}

describe('the command context and its progress', () => {
  it('clears the spinner before every line written, so no output lands inside it', () => {
    const progress = recorder();
    const stderr = new PassThrough();
    const ctx = createCommandContext(
      {
        stdin: new PassThrough(),
        stdout: new PassThrough(),
        stderr,
        env: {},
        platform: 'linux',
        homedir: '/nowhere',
        cwd: '/',
        now: () => new Date(),
      },
      { output: 'ndjson' },
      new AbortController().signal,
      { progress },
    );
    ctx.progress.update({ done: 1, total: 2 });
    ctx.output.warn('eu-west-1 skipped');
    ctx.output.records([], []);
    expect(progress.log).toEqual(['update 1/2', 'stop', 'stop']);
    expect(String(stderr.read())).toContain('eu-west-1 skipped');
  });

  it('is silent by default', () => {
    const ctx = createCommandContext(
      {
        stdin: new PassThrough(),
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        env: {},
        platform: 'linux',
        homedir: '/nowhere',
        cwd: '/',
        now: () => new Date(),
      },
      {},
      new AbortController().signal,
    );
    expect(() => ctx.progress.update({ done: 0, total: 1 })).not.toThrow();
  });
});
