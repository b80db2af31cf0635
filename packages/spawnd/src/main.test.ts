import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ExitCode } from '@truffle-spawn/core';
import type { CliIo } from '@truffle-spawn/core/cli-kit';
import { spawndMessageSchema } from '@truffle-spawn/core/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawndCommands } from './command-table.ts';
import { main, spawndIo } from './main.ts';

const status = {
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  state: 'active',
  nextAction: 'stop',
  nextActionAt: '2030-01-01T12:00:00.000Z',
  updatedAt: '2030-01-01T10:00:00.000Z',
  keptAliveBy: [],
  signals: [{ name: 'cpu', active: false, detail: 'cpu 0.1%' }],
  problems: [],
};

/** spawnd in-process: stdout is a pipe (so a failure also writes an `error` record). */
async function spawnd(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const io: CliIo = {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env,
    platform: 'linux',
    homedir: '',
    cwd: '/',
    now: () => new Date(),
  };
  const code = await main(['node', 'spawnd', ...args], io);
  return { code, stdout: out, stderr: err };
}

describe('spawnd main (in-process, from the command table)', () => {
  let dir: string;
  let env: Record<string, string>;
  let statusFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spawnd-main-'));
    statusFile = join(dir, 'status.json');
    // No IMDS answers here: a closed port.
    env = {
      SPAWND_RUNTIME_DIR: dir,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9',
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('`status` prints one versioned spawnd-status record that the protocol schema accepts', async () => {
    await writeFile(statusFile, JSON.stringify(status));
    const r = await spawnd(['status'], env);
    expect(r.code, r.stderr).toBe(ExitCode.ok);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = spawndMessageSchema.parse(JSON.parse(lines[0] ?? ''));
    expect(record).toMatchObject({ v: 1, type: 'spawnd-status', ...status });
  });

  it('`status` without a status file: NOT_FOUND through reportError (message, hint, error record)', async () => {
    const r = await spawnd(['status'], env);
    expect(r.code).toBe(ExitCode.failure);
    expect(r.stderr).toMatch(/^Error: No spawnd status at .*status\.json/);
    expect(r.stderr).toContain('systemctl status spawnd');
    expect(JSON.parse(r.stdout)).toMatchObject({ v: 1, type: 'error', code: 'NOT_FOUND' });
  });

  it.each(['-1h', '2x'])('`extend %s` reaches the duration check (exit 2, INVALID_DURATION)', async (bad) => {
    const r = await spawnd(['extend', bad], env);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toMatch(/^Error: Invalid duration/);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'error', code: 'INVALID_DURATION' });
  });

  it('`extend` off an instance: the IMDS failure is a typed error with a hint, no stack', async () => {
    const r = await spawnd(['extend', '2h'], env);
    expect(r.code).toBe(ExitCode.failure);
    expect(r.stderr).toContain('spawn extend <instance> 2h');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'error', code: 'NETWORK_ERROR' });
  });

  it('`run` with a bad --interval ends through the same path (exit 2)', async () => {
    const r = await spawnd(['run', '--interval', 'soon'], env);
    expect(r.code).toBe(ExitCode.usage);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'error', code: 'INVALID_DURATION' });
  });

  it('an unknown command is a usage error; --help lists the three commands from the table', async () => {
    expect((await spawnd(['nope'], env)).code).toBe(ExitCode.usage);
    const help = await spawnd(['--help'], env);
    expect(help.code).toBe(ExitCode.ok);
    expect(help.stdout).toMatch(/run \[options\][\s\S]*status[\s\S]*extend <duration>/);
  });

  it.each(spawndCommands.map((c) => [c.name, c] as const))(
    '%s --help shows its 2-4 examples from the table',
    async (name, command) => {
      expect(command.examples?.length).toBeGreaterThanOrEqual(2);
      expect(command.examples?.length).toBeLessThanOrEqual(4);
      const help = await spawnd([name, '--help'], env);
      for (const e of command.examples ?? []) expect(help.stdout).toContain(`$ spawnd ${e.command}`);
    },
  );
});

describe('spawndIo', () => {
  it('builds the stdin stream only when asked (on /dev/null it loads fs/promises, readline: resident memory)', () => {
    const get = vi.spyOn(process, 'stdin', 'get');
    try {
      const io = spawndIo();
      expect(get).not.toHaveBeenCalled();
      expect(io.stdin).toBe(process.stdin);
      expect(get).toHaveBeenCalled();
    } finally {
      get.mockRestore();
    }
  });
});
