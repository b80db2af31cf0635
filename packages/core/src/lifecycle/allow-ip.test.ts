import { describe, expect, it } from 'vitest';
import { planAllowIp, sshRuleAdmits } from './allow-ip.ts';
import { hasSpawnInclude } from './ssh-config-text.ts';

describe('sshRuleAdmits', () => {
  it.each([
    [['203.0.113.7/32'], '203.0.113.7/32', true],
    [['203.0.113.7/32'], '203.0.113.8/32', false],
    [['203.0.113.0/24'], '203.0.113.200/32', true],
    [['10.0.0.0/8', '198.51.100.1/32'], '10.255.1.2/32', true],
    [['0.0.0.0/0'], '192.0.2.1/32', true],
    [['2001:db8::/32'], '192.0.2.1/32', false],
    [['203.0.113.7/32'], 'not-an-ip', false],
  ])('%j admits %s: %s', (cidrs, cidr, expected) => {
    expect(sshRuleAdmits(cidrs, cidr)).toBe(expected);
  });
});

describe('planAllowIp', () => {
  it('adds the new /32 and revokes only the other /32 rules', () => {
    expect(
      planAllowIp({ groupId: 'sg-1', sshCidrs: ['198.51.100.1/32', '10.0.0.0/8'] }, '203.0.113.5/32'),
    ).toEqual({ groupId: 'sg-1', authorize: '203.0.113.5/32', revoke: ['198.51.100.1/32'] });
  });
  it('already allowed: nothing to authorize, stale /32s still go', () => {
    expect(
      planAllowIp({ groupId: 'sg-1', sshCidrs: ['203.0.113.5/32', '198.51.100.1/32'] }, '203.0.113.5/32'),
    ).toEqual({ groupId: 'sg-1', authorize: undefined, revoke: ['198.51.100.1/32'] });
  });
});

describe('hasSpawnInclude', () => {
  it.each([
    ['Include config.d/spawn\nHost a\n', true],
    ['include ~/.ssh/config.d/*\n', true],
    ['Include "config.d/spawn" other\n', true],
    ['\uFEFFInclude config.d/spawn\r\n', true],
    ['Host a\n  Include config.d/spawn\n', false],
    ['Include config.d/spawned\n', false],
    ['# Include config.d/spawn\n', false],
    ['', false],
  ])('%j: %s', (config, expected) => {
    expect(hasSpawnInclude(config)).toBe(expected);
  });
});
