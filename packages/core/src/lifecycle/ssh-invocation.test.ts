import { describe, expect, it } from 'vitest';
import { testInstance } from './_test-instance.ts';
import { buildSshInvocation } from './ssh-invocation.ts';

const running = testInstance({ tags: { Name: 'box', 'spawn:user': 'ubuntu' } });

describe('buildSshInvocation', () => {
  it.each([
    [
      'linux, ed25519 present',
      'linux',
      '/home/u',
      ['/home/u/.ssh/id_ed25519'],
      'ssh',
      '/home/u/.ssh/id_ed25519',
    ],
    ['linux, only id_rsa', 'linux', '/home/u', ['/home/u/.ssh/id_rsa'], 'ssh', '/home/u/.ssh/id_rsa'],
    ['darwin', 'darwin', '/Users/u', ['/Users/u/.ssh/id_ed25519'], 'ssh', '/Users/u/.ssh/id_ed25519'],
    [
      'windows uses ssh.exe and %USERPROFILE%\\.ssh',
      'win32',
      'C:\\Users\\u',
      ['C:\\Users\\u\\.ssh\\id_ed25519'],
      'ssh.exe',
      'C:\\Users\\u\\.ssh\\id_ed25519',
    ],
    ['no key yet: the launch default', 'linux', '/home/u', [], 'ssh', '/home/u/.ssh/id_ed25519'],
  ] as const)('%s', (_name, platform, homedir, existing, command, keyPath) => {
    const plan = buildSshInvocation({
      instance: running,
      platform,
      homedir,
      exists: (p) => existing.includes(p as never),
    });
    expect(plan).toEqual({
      kind: 'ssh',
      command,
      keyPath,
      keyFound: existing.length > 0,
      args: ['-i', keyPath, '-o', 'StrictHostKeyChecking=accept-new', '--', `ubuntu@${running.publicDns}`],
    });
  });

  it('defaults to ec2-user, falls back to the public IP, passes extra args, honours --key', () => {
    const plan = buildSshInvocation({
      instance: testInstance({ publicDns: undefined, tags: {} }),
      platform: 'linux',
      homedir: '/h',
      exists: () => false,
      keyPath: '/keys/k',
      extraArgs: ['-L', '8888:localhost:8888'],
    });
    expect(plan).toMatchObject({
      args: [
        '-i',
        '/keys/k',
        '-o',
        'StrictHostKeyChecking=accept-new',
        '-L',
        '8888:localhost:8888',
        '--',
        'ec2-user@198.51.100.7',
      ],
      keyFound: true,
    });
  });

  it('--port forwards come first as -L LOCAL:localhost:REMOTE, then your ssh options, then the command', () => {
    const plan = buildSshInvocation({
      instance: testInstance({ publicDns: undefined, tags: {} }),
      platform: 'linux',
      homedir: '/h',
      exists: () => true,
      keyPath: '/k',
      portForwards: [
        { local: 8888, remote: 8888 },
        { local: 8080, remote: 80 },
      ],
      extraArgs: ['-v', 'jupyter', 'lab'],
    });
    expect(plan).toMatchObject({
      args: [
        '-i',
        '/k',
        '-o',
        'StrictHostKeyChecking=accept-new',
        '-L',
        '8888:localhost:8888',
        '-L',
        '8080:localhost:80',
        '-v',
        '--',
        'ec2-user@198.51.100.7',
        'jupyter',
        'lab',
      ],
    });
  });

  it('an rsa key-name hint prefers id_rsa', () => {
    const plan = buildSshInvocation({
      instance: testInstance({ tags: { 'spawn:key-name': 'my-rsa-key' } }),
      platform: 'linux',
      homedir: '/h',
      exists: () => true,
    });
    expect(plan).toMatchObject({ keyPath: '/h/.ssh/id_rsa' });
  });

  it('no public address: the Session Manager command', () => {
    const plan = buildSshInvocation({
      instance: testInstance({ publicDns: undefined, publicIp: undefined, privateIp: '10.0.0.5' }),
      platform: 'linux',
      homedir: '/h',
      exists: () => true,
    });
    expect(plan).toEqual({
      kind: 'ssm',
      command: 'aws ssm start-session --target i-0123456789abcdef0 --region us-east-1',
    });
  });

  it.each([
    ['stopped', 'spawn start box'],
    ['stopping', 'spawn start box'],
    ['terminated', undefined],
  ])('%s is INVALID_STATE', (state, hint) => {
    expect(() =>
      buildSshInvocation({
        instance: testInstance({ state }),
        platform: 'linux',
        homedir: '/h',
        exists: () => true,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_STATE',
        hint: hint ? expect.stringContaining(hint) : undefined,
      }),
    );
  });

  it('puts the remote command after the destination, and ssh options before `--`', () => {
    const plan = buildSshInvocation({
      instance: running,
      platform: 'linux',
      homedir: '/h',
      exists: () => true,
      extraArgs: ['-t', '-L', '1:l:1', 'uptime', '-a'],
    });
    expect(plan).toMatchObject({
      args: [
        '-i',
        '/h/.ssh/id_ed25519',
        '-o',
        'StrictHostKeyChecking=accept-new',
        '-t',
        '-L',
        '1:l:1',
        '--',
        `ubuntu@${running.publicDns}`,
        'uptime',
        '-a',
      ],
    });
  });

  it.each([
    '-oProxyCommand=touch ~/pwned',
    '-oProxyCommand=touch',
    'root;id',
    'x y',
    "o'hara",
    '\u001b[2Jadmin',
  ])('refuses a spawn:user tag %j with UNTRUSTED_TAG (exit 2)', (user) => {
    const attempt = () =>
      buildSshInvocation({
        instance: testInstance({ tags: { 'spawn:user': user } }),
        platform: 'linux',
        homedir: '/h',
        exists: () => true,
      });
    expect(attempt).toThrow(expect.objectContaining({ code: 'UNTRUSTED_TAG', exitCode: 2 }));
    expect(attempt).toThrow(/spawn:user/);
  });

  it('validates the address: a bad DNS name falls back to the IP; no usable address is refused', () => {
    const plan = buildSshInvocation({
      instance: testInstance({ publicDns: '-oProxyCommand=x', publicIp: '198.51.100.7' }),
      platform: 'linux',
      homedir: '/h',
      exists: () => true,
    });
    expect(plan).toMatchObject({ args: expect.arrayContaining(['ec2-user@198.51.100.7']) });
    expect(() =>
      buildSshInvocation({
        instance: testInstance({ publicDns: 'a b', publicIp: '-x' }),
        platform: 'linux',
        homedir: '/h',
        exists: () => true,
      }),
    ).toThrow(expect.objectContaining({ code: 'UNTRUSTED_TAG', exitCode: 2 }));
  });

  it('ignores a spawn:key-name path with control characters', () => {
    const plan = buildSshInvocation({
      instance: testInstance({ tags: { 'spawn:key-name': '/k\u001b[2J' } }),
      platform: 'linux',
      homedir: '/h',
      exists: () => true,
    });
    expect(plan).toMatchObject({ keyPath: '/h/.ssh/id_ed25519' });
  });
});
