import {
  AuthorizeSecurityGroupIngressCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { allowIp, planAllowIp, sshRuleAdmits } from './allow-ip.ts';
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

describe('allowIp when the revoke fails (aws-sdk-client-mock; the built bin against moto is in spawn)', () => {
  const ec2Mock = mockClient(EC2Client);
  const refused = () =>
    Object.assign(new Error('You are not authorized to perform this operation.'), {
      name: 'UnauthorizedOperation',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
    });

  it.each([
    [
      '203.0.113.5/32',
      'SSH is now allowed from 203.0.113.5/32, but the old SSH rule for 198.51.100.1/32 in sg-1 could not be removed',
    ],
    [undefined, 'The old SSH rule for 198.51.100.1/32 in sg-1 could not be removed'],
  ])(
    'authorize %s: says what changed and what is still there, keeping the AWS code',
    async (authorize, said) => {
      ec2Mock.reset();
      ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({});
      ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(refused());
      const error = await allowIp(new EC2Client({ region: 'us-east-1' }), {
        groupId: 'sg-1',
        authorize,
        revoke: ['198.51.100.1/32'],
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'UNAUTHORIZED_OPERATION',
        message: expect.stringContaining(said),
        hint: expect.stringContaining(
          "--group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=198.51.100.1/32}]'",
        ),
        details: expect.objectContaining({ kept: ['198.51.100.1/32'], authorized: authorize }),
      });
      expect(ec2Mock.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(authorize ? 1 : 0);
    },
  );
});
