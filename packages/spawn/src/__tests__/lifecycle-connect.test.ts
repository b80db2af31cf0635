import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type CliIo, createCommandContext } from '@truffle-spawn/core/cli-kit';
import { writeSshHostEntry } from '@truffle-spawn/core/lifecycle';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { connect as connectCommand } from '../command-table.ts';
import { run as connect } from '../commands/connect.ts';
import { inputOf } from './_command-input.ts';
import {
  createInstance,
  createNetwork,
  describeInstance,
  importKey,
  runSpawnBin,
  tempHome,
  terminateDirectly,
} from './_lifecycle-fixtures.ts';
import { sshCidrsOf, sshGroup } from './_ssh-groups.ts';
import { sshStandIn } from './_ssh-stand-in.ts';

const moto = useMoto();

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

  it('--port 8888 --port 8080:80 forwards both (-L LOCAL:localhost:REMOTE) before the destination', async () => {
    await using home = await tempHome();
    const ssh = await sshStandIn(home.dir);
    const key = await withKey(home.dir);
    const id = await createInstance({ name: 'jupyter' });
    const host = (await describeInstance(id)).PublicDnsName;
    const run = await runSpawnBin(
      moto,
      home.dir,
      ['connect', 'jupyter', '--port', '8888', '--port', '8080:80', '--', 'jupyter', 'lab'],
      { PATH: ssh.path },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(await ssh.args()).toEqual([
      '-i',
      key,
      '-o',
      'StrictHostKeyChecking=accept-new',
      '-L',
      '8888:localhost:8888',
      '-L',
      '8080:localhost:80',
      '--',
      `ec2-user@${host}`,
      'jupyter',
      'lab',
    ]);
    expect(run.stderr).toContain('Forwarding http://localhost:8080 to port 80 on jupyter');
  });

  it.each(['0', '65536', '88a', '1:2:3', ''])(
    '--port %j is a usage error (exit 2); ssh is not run',
    async (port) => {
      await using home = await tempHome();
      const ssh = await sshStandIn(home.dir);
      const run = await runSpawnBin(moto, home.dir, ['connect', 'any', '--port', port], { PATH: ssh.path });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('--port');
      await expect(ssh.args()).rejects.toThrow();
    },
  );

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
  function io(platform: NodeJS.Platform, homedir: string, o: { tty?: boolean; err?: string[] } = {}): CliIo {
    const tty = <T extends PassThrough>(s: T) => Object.assign(s, { isTTY: o.tty === true });
    const stderr = tty(new PassThrough());
    stderr.on('data', (b: Buffer) => o.err?.push(b.toString('utf8')));
    return {
      stdin: tty(new PassThrough()),
      stdout: new PassThrough(),
      stderr,
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

  it('an instance started elsewhere: connect points its `ssh NAME` entry at the current address', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'moved-ip' });
    const ip = (await describeInstance(id)).PublicIpAddress as string;
    await writeSshHostEntry({
      homedir: home.dir,
      platform: 'linux',
      entry: {
        name: 'moved-ip',
        instanceId: id,
        region: 'us-east-1',
        hostName: '192.0.2.1',
        user: 'ec2-user',
        identityFile: '/k',
      },
    });
    const ctx = createCommandContext(io('linux', home.dir), {}, new AbortController().signal);
    await connect(ctx, inputOf(connectCommand, { name: 'moved-ip', sshArgs: [] }), {
      runSsh: async () => 0,
      exists: () => true,
    });
    const text = await readFile(join(home.dir, '.ssh', 'config.d', 'spawn'), 'utf8');
    expect(text).toContain(`Host moved-ip\n  HostName ${ip}\n`);
  });

  it('a spawn key pair with no local key: names the key pair and the fingerprint AWS holds; ssh is not run', async () => {
    await using home = await tempHome();
    await importKey('spawn-00000000000000aa', { 'spawn:fingerprint': 'SHA256:taggedAtImport' });
    await createInstance({ name: 'keyless', keyName: 'spawn-00000000000000aa' });
    const ctx = createCommandContext(io('linux', home.dir), {}, new AbortController().signal);
    const calls: string[] = [];
    const attempt = connect(ctx, inputOf(connectCommand, { name: 'keyless', sshArgs: [] }), {
      runSsh: async (command) => {
        calls.push(command);
        return 0;
      },
      exists: () => false,
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message:
        'keyless was launched with key pair spawn-00000000000000aa (fingerprint SHA256:taggedAtImport); no local key file matches it.',
      hint: expect.stringContaining('spawn connect keyless --key PATH'),
    });
    expect(calls).toEqual([]);
  });

  it('no public address: the Session Manager command even when the key is missing (no key needed there)', async () => {
    await using home = await tempHome();
    await importKey('spawn-00000000000000bb', {});
    const net = await createNetwork();
    const err: string[] = [];
    const id = await createInstance({
      name: 'private-keyless',
      subnetId: net.subnetId,
      keyName: 'spawn-00000000000000bb',
    });
    const ctx = createCommandContext(io('linux', home.dir, { err }), {}, new AbortController().signal);
    await connect(ctx, inputOf(connectCommand, { name: 'private-keyless', sshArgs: [] }), {
      runSsh: async () => {
        throw new Error('must not run ssh');
      },
      exists: () => false,
    });
    expect(err.join('')).toContain(`aws ssm start-session --target ${id}`);
    await terminateDirectly(id);
  });

  describe("the caller's address changed since launch (spawn-created group admits the old /32 only)", () => {
    const ranSsh = { runSsh: async () => 0, exists: () => true };

    it('no terminal: a warning naming `spawn allow-ip`, the rule unchanged, ssh still runs', async () => {
      const id = await createInstance({ name: 'roamer' });
      const group = await sshGroup('spawn-roamer', ['198.51.100.1/32'], id);
      const err: string[] = [];
      const calls: string[] = [];
      const ctx = createCommandContext(io('linux', '/home/ada', { err }), {}, new AbortController().signal);
      await connect(ctx, inputOf(connectCommand, { name: 'roamer', sshArgs: [] }), {
        ...ranSsh,
        runSsh: async (command) => {
          calls.push(command);
          return 0;
        },
        fetchText: async () => '203.0.113.50\n',
        confirm: async () => {
          throw new Error('must not ask without a terminal');
        },
      });
      expect(err.join('')).toContain(
        "Your public address is now 203.0.113.50/32, but roamer's SSH rule admits only 198.51.100.1/32",
      );
      expect(err.join('')).toContain('spawn allow-ip roamer --region us-east-1');
      expect(await sshCidrsOf(group)).toEqual(['198.51.100.1/32']);
      expect(calls).toEqual(['ssh']);
    });

    it('on a terminal: asks, and on yes replaces the old /32 with the current one (a user group untouched)', async () => {
      const id = await createInstance({ name: 'traveller' });
      const group = await sshGroup('spawn-traveller', ['198.51.100.1/32'], id);
      const userGroup = await sshGroup('team', ['198.51.100.1/32']);
      const asked: string[] = [];
      const ctx = createCommandContext(
        io('linux', '/home/ada', { tty: true }),
        {},
        new AbortController().signal,
      );
      await connect(ctx, inputOf(connectCommand, { name: 'traveller', sshArgs: [] }), {
        ...ranSsh,
        fetchText: async () => '203.0.113.50\n',
        confirm: async (message) => {
          asked.push(message);
          return true;
        },
      });
      expect(asked).toEqual([
        expect.stringContaining('Allow 203.0.113.50/32 instead (removing 198.51.100.1/32)?'),
      ]);
      expect(await sshCidrsOf(group)).toEqual(['203.0.113.50/32']);
      expect(await sshCidrsOf(userGroup)).toEqual(['198.51.100.1/32']);
    });

    it('an address the rule admits (or a failed address lookup): no question, no change', async () => {
      const id = await createInstance({ name: 'homebody' });
      const group = await sshGroup('spawn-homebody', ['203.0.113.0/24'], id);
      const ctx = createCommandContext(
        io('linux', '/home/ada', { tty: true }),
        {},
        new AbortController().signal,
      );
      const never = async () => {
        throw new Error('must not ask');
      };
      await connect(ctx, inputOf(connectCommand, { name: 'homebody', sshArgs: [] }), {
        ...ranSsh,
        fetchText: async () => '203.0.113.50',
        confirm: never,
      });
      await connect(ctx, inputOf(connectCommand, { name: 'homebody', sshArgs: [] }), {
        ...ranSsh,
        fetchText: async () => {
          throw new Error('offline');
        },
        confirm: never,
      });
      expect(await sshCidrsOf(group)).toEqual(['203.0.113.0/24']);
    });
  });
});
