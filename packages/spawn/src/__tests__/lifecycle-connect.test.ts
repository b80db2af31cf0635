import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type CliIo, createCommandContext } from '@truffle-spawn/core/cli-kit';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { connect as connectCommand } from '../command-table.ts';
import { run as connect } from '../commands/connect.ts';
import { inputOf } from './_command-input.ts';
import {
  createInstance,
  createNetwork,
  describeInstance,
  runSpawnBin,
  tempHome,
  terminateDirectly,
} from './_lifecycle-fixtures.ts';

const moto = useMoto();

/** A fake `ssh` first on PATH that records its arguments and exits with $SSH_EXIT. */
async function sshStandIn(dir: string): Promise<{ path: string; argsFile: string }> {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const argsFile = join(dir, 'ssh-args.txt');
  await writeFile(
    join(bin, 'ssh'),
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${argsFile}"\nexit "\${SSH_EXIT:-0}"\n`,
  );
  await chmod(join(bin, 'ssh'), 0o755);
  return { path: `${bin}:${process.env.PATH ?? ''}`, argsFile };
}

async function withKey(home: string, file = 'id_ed25519'): Promise<string> {
  await mkdir(join(home, '.ssh'), { recursive: true });
  const path = join(home, '.ssh', file);
  await writeFile(path, 'not a real key\n', { mode: 0o600 });
  return path;
}

describe('spawn connect through the built binary (moto, ssh stand-in)', { timeout: 120_000 }, () => {
  it('runs ssh with the launch key, the recorded user and the public address', async () => {
    await using home = await tempHome();
    const ssh = await sshStandIn(home.dir);
    const key = await withKey(home.dir);
    const id = await createInstance({ name: 'box', tags: { 'spawn:user': 'ubuntu' } });
    const host = (await describeInstance(id)).PublicDnsName;
    const run = await runSpawnBin(moto, home.dir, ['connect', 'box'], { PATH: ssh.path });
    expect(run.code, run.stderr).toBe(0);
    expect((await readFile(ssh.argsFile, 'utf8')).trim().split('\n')).toEqual([
      '-i',
      key,
      '-o',
      'StrictHostKeyChecking=accept-new',
      '--',
      `ubuntu@${host}`,
    ]);
    expect(run.stdout).toBe('');
  });

  it('`spawn ssh` (alias) passes extra args, uses id_rsa when that is the key, and exits with ssh status', async () => {
    await using home = await tempHome();
    const ssh = await sshStandIn(home.dir);
    const key = await withKey(home.dir, 'id_rsa');
    await createInstance({ name: 'box' });
    const run = await runSpawnBin(moto, home.dir, ['ssh', 'box', '--', '-L', '8888:localhost:8888'], {
      PATH: ssh.path,
      SSH_EXIT: '3',
    });
    expect(run.code).toBe(3);
    const args = (await readFile(ssh.argsFile, 'utf8')).trim().split('\n');
    expect(args.slice(0, 2)).toEqual(['-i', key]);
    expect(args).toContain('8888:localhost:8888');
    expect(args.at(-1)).toMatch(/^ec2-user@/);
    expect(run.stderr).toContain('ssh exited with status 3');
  });

  it('`connect NAME -- uptime` runs the command remotely: it comes after `--` and the destination', async () => {
    await using home = await tempHome();
    const ssh = await sshStandIn(home.dir);
    await withKey(home.dir);
    const id = await createInstance({ name: 'box' });
    const host = (await describeInstance(id)).PublicDnsName;
    const run = await runSpawnBin(moto, home.dir, ['connect', 'box', '--', '-t', 'uptime', '-p'], {
      PATH: ssh.path,
    });
    expect(run.code, run.stderr).toBe(0);
    const args = (await readFile(ssh.argsFile, 'utf8')).trim().split('\n');
    expect(args.slice(-5)).toEqual(['-t', '--', `ec2-user@${host}`, 'uptime', '-p']);
  });

  it.each([
    ['-oProxyCommand=touch ~/pwned', []],
    ['-oProxyCommand=touch ~/pwned', ['uptime']],
    ['root;touch pwned', ['uptime']],
    ['$(touch pwned)', []],
  ])(
    'a hostile spawn:user tag %j (args %j) is refused with exit 2; nothing runs locally',
    async (user, extra) => {
      await using home = await tempHome();
      const ssh = await sshStandIn(home.dir);
      await withKey(home.dir);
      await createInstance({ name: 'owned', tags: { 'spawn:user': user } });
      const run = await runSpawnBin(
        moto,
        home.dir,
        ['connect', 'owned', ...(extra.length ? ['--', ...extra] : [])],
        {
          PATH: ssh.path,
        },
      );
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('spawn:user');
      expect(run.stderr).toContain('Refusing to connect');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.records).toEqual([expect.objectContaining({ type: 'error', code: 'UNTRUSTED_TAG' })]);
      await expect(readFile(ssh.argsFile, 'utf8')).rejects.toThrow();
      await expect(readFile(join(home.dir, 'pwned'), 'utf8')).rejects.toThrow();
    },
  );

  it('a stopped instance is a clear error offering spawn start; ssh is not run', async () => {
    await using home = await tempHome();
    const ssh = await sshStandIn(home.dir);
    await createInstance({ name: 'napping' });
    expect((await runSpawnBin(moto, home.dir, ['stop', 'napping'])).code).toBe(0);
    const run = await runSpawnBin(moto, home.dir, ['connect', 'napping'], { PATH: ssh.path });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('spawn start napping');
    await expect(readFile(ssh.argsFile, 'utf8')).rejects.toThrow();
  });

  it('no public address: prints the Session Manager command instead of running ssh', async () => {
    await using home = await tempHome();
    const ssh = await sshStandIn(home.dir);
    const net = await createNetwork();
    const id = await createInstance({ name: 'private', subnetId: net.subnetId });
    const run = await runSpawnBin(moto, home.dir, ['connect', 'private'], { PATH: ssh.path });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`aws ssm start-session --target ${id} --region us-east-1`);
    await expect(readFile(ssh.argsFile, 'utf8')).rejects.toThrow();
    await terminateDirectly(id);
  });
});

describe('spawn connect in-process with an injected platform (moto)', () => {
  function io(platform: NodeJS.Platform, homedir: string): CliIo {
    return {
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      env: process.env,
      platform,
      homedir,
      cwd: homedir,
      now: () => new Date(),
    };
  }

  it('on Windows runs ssh.exe with %USERPROFILE%\\.ssh\\id_ed25519', async () => {
    const id = await createInstance({ name: 'winbox' });
    const host = (await describeInstance(id)).PublicDnsName;
    const calls: [string, string[]][] = [];
    const home = 'C:\\Users\\ada';
    const ctx = createCommandContext(io('win32', home), {}, new AbortController().signal);
    await connect(ctx, inputOf(connectCommand, { name: 'winbox', sshArgs: [] }), {
      runSsh: async (command, args) => {
        calls.push([command, args]);
        return 0;
      },
      exists: (p) => p === 'C:\\Users\\ada\\.ssh\\id_ed25519',
    });
    expect(calls).toEqual([
      [
        'ssh.exe',
        [
          '-i',
          'C:\\Users\\ada\\.ssh\\id_ed25519',
          '-o',
          'StrictHostKeyChecking=accept-new',
          '--',
          `ec2-user@${host}`,
        ],
      ],
    ]);
  });

  it('on Windows too, a hostile spawn:user tag is refused before ssh.exe runs', async () => {
    await createInstance({ name: 'winowned', tags: { 'spawn:user': '-oProxyCommand=calc.exe' } });
    const calls: string[] = [];
    const ctx = createCommandContext(io('win32', 'C:\\Users\\ada'), {}, new AbortController().signal);
    const attempt = connect(ctx, inputOf(connectCommand, { name: 'winowned', sshArgs: ['--', 'whoami'] }), {
      runSsh: async (command) => {
        calls.push(command);
        return 0;
      },
      exists: () => true,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'UNTRUSTED_TAG', exitCode: 2 });
    expect(calls).toEqual([]);
  });

  it('on Linux runs ssh, and ssh 255 becomes exit 255 with a connection hint', async () => {
    await createInstance({ name: 'linbox' });
    const ctx = createCommandContext(io('linux', '/home/ada'), {}, new AbortController().signal);
    const calls: string[] = [];
    const attempt = connect(ctx, inputOf(connectCommand, { name: 'linbox', sshArgs: [] }), {
      runSsh: async (command) => {
        calls.push(command);
        return 255;
      },
      exists: () => true,
    });
    await expect(attempt).rejects.toMatchObject({
      exitCode: 255,
      hint: expect.stringContaining('security group'),
    });
    expect(calls).toEqual(['ssh']);
  });
});
