import { describe, expect, it } from 'vitest';
import { buildLaunchSpec } from '../launch/build-launch-spec.ts';
import { isLoginUser, validateLoginUser } from './login-user.ts';
import { isSshHost } from './ssh-host.ts';

describe('isLoginUser', () => {
  it.each(['ec2-user', 'ubuntu', 'admin', '_svc', 'a', 'centos7', `a${'b'.repeat(31)}`])(
    'accepts %s',
    (u) => {
      expect(isLoginUser(u)).toBe(true);
    },
  );
  it.each([
    '',
    '-oProxyCommand=touch ~/pwned',
    '-l',
    'root;id',
    "o'brien",
    'a b',
    'Ubuntu',
    '7up',
    'user@host',
    'ec2-user\n',
    `a${'b'.repeat(32)}`,
  ])('refuses %j', (u) => {
    expect(isLoginUser(u)).toBe(false);
  });
  it('validateLoginUser throws a usage error naming --user', () => {
    expect(() => validateLoginUser('x";rm -rf ~')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        exitCode: 2,
        message: expect.stringContaining('--user'),
      }),
    );
    expect(validateLoginUser('ubuntu')).toBe('ubuntu');
  });
  it('launch refuses a hostile --user before anything is created (buildLaunchSpec is pure)', () => {
    const target = { instanceType: 't3.micro', region: 'us-east-1', market: 'on-demand' as const };
    const o = { name: 'box', sshCidr: '203.0.113.7/32' };
    expect(() => buildLaunchSpec(target, { user: "x';touch /tmp/p;'" }, o)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(buildLaunchSpec(target, { user: 'ubuntu' }, o).user).toBe('ubuntu');
  });
});

describe('isSshHost', () => {
  it.each([
    '198.51.100.7',
    '2001:db8::1',
    'ec2-198-51-100-7.compute-1.amazonaws.com',
    'ip-10-0-0-5.ec2.internal',
    'localhost',
  ])('accepts %s', (h) => {
    expect(isSshHost(h)).toBe(true);
  });
  it.each([
    '',
    '-oProxyCommand=x',
    'a b',
    'host;id',
    'user@host',
    '-host.example',
    'a..b',
    'x'.repeat(254),
    'h\n',
  ])('refuses %j', (h) => {
    expect(isSshHost(h)).toBe(false);
  });
});
