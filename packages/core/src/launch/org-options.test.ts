import { describe, expect, it } from 'vitest';
import { isUserError } from '../errors/user-error.ts';
import { buildInstanceTags, MAX_SPAWN_INSTANCE_TAGS } from './build-tags.ts';
import { parseOrgFlags, parseUserTags } from './org-options.ts';
import type { LaunchSpec } from './types.ts';

const refused = (fn: () => unknown): { code: string; message: string; hint?: string } => {
  try {
    fn();
  } catch (error) {
    if (isUserError(error)) return { code: error.code, message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error('accepted');
};

describe('parseUserTags', () => {
  it.each([
    [['team=ml'], [{ Key: 'team', Value: 'ml' }]],
    [['empty='], [{ Key: 'empty', Value: '' }]],
    [['url=https://x/a=b'], [{ Key: 'url', Value: 'https://x/a=b' }]],
    [['owner@corp:cost.center=Équipe 42'], [{ Key: 'owner@corp:cost.center', Value: 'Équipe 42' }]],
    [[' spaced =v'], [{ Key: 'spaced', Value: 'v' }]],
    [
      ['a=1', 'b=2'],
      [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
    ],
    [[`${'k'.repeat(128)}=${'v'.repeat(256)}`], [{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }]],
  ])('%j → %j', (texts, tags) => {
    expect(parseUserTags(texts)).toEqual(tags);
  });

  it.each([
    [['spawn:x=1'], /spawn: keys/],
    [['SPAWN:x=1'], /spawn: keys/],
    [['Name=x'], /and Name/],
    [['aws:x=1'], /reserved by AWS/],
    [['AWS:x=1'], /reserved by AWS/],
    [['novalue'], /has no value/],
    [['=v'], /has no key/],
    [[`${'k'.repeat(129)}=v`], /129 characters; EC2 allows 128/],
    [[`k=${'v'.repeat(257)}`], /257 characters; EC2 allows 256/],
    [['a=1', 'a=2'], /given twice/],
    [['my key=v'], /instance-metadata tags/],
    [['team/ml=v'], /instance-metadata tags/],
    [['_index=v'], /instance-metadata tags/],
    [['k=a;b'], /value has a character/],
    [['k=line\nbreak'], /value has a character/],
  ])('%j is a usage error', (texts, message) => {
    const e = refused(() => parseUserTags(texts));
    expect(e.code).toBe('USAGE');
    expect(e.message).toMatch(message);
    expect(e.hint).toBeTruthy();
  });

  it("leaves room for spawn's own tags within EC2's 50", () => {
    const texts = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`);
    expect(parseUserTags(texts(50 - MAX_SPAWN_INSTANCE_TAGS))).toHaveLength(36);
    expect(refused(() => parseUserTags(texts(51 - MAX_SPAWN_INSTANCE_TAGS))).message).toMatch(/50 tags/);
  });

  it('MAX_SPAWN_INSTANCE_TAGS is what buildInstanceTags writes with every option set', () => {
    const spec = {
      region: 'us-east-1',
      instanceType: 't3.micro',
      market: 'on-demand',
      ttlMs: 3_600_000,
      idleTimeoutMs: 3_600_000,
      onIdle: 'stop',
      onExpire: 'terminate',
      hibernate: false,
      name: 'box',
      user: 'ec2-user',
      maxStoppedMs: 86_400_000,
      cloudBackstop: false,
    } satisfies LaunchSpec;
    const tags = buildInstanceTags({
      spec,
      now: new Date(0),
      createdBy: 'arn',
      version: '1',
      keyName: 'k',
      launchId: 'l',
    });
    expect(tags).toHaveLength(MAX_SPAWN_INSTANCE_TAGS);
    const withUser = buildInstanceTags({
      spec: { ...spec, userTags: [{ Key: 'team', Value: 'ml' }] },
      now: new Date(0),
      createdBy: 'arn',
      version: '1',
    });
    expect(withUser.at(-1)).toEqual({ Key: 'team', Value: 'ml' });
  });
});

describe('parseOrgFlags', () => {
  it('keeps the ids, drops repeated groups, and sets nothing for absent flags', () => {
    expect(parseOrgFlags({})).toEqual({});
    expect(
      parseOrgFlags({
        subnet: 'subnet-0abc',
        securityGroup: ['sg-01', 'sg-02', 'sg-01'],
        keyPair: 'work key',
        iamInstanceProfile: 'team+ml',
      }),
    ).toEqual({
      subnetId: 'subnet-0abc',
      securityGroupIds: ['sg-01', 'sg-02'],
      keyPairName: 'work key',
      instanceProfileName: 'team+ml',
    });
  });

  it.each([
    [{ subnet: 'subnet-missing' }, /Invalid --subnet "subnet-missing"/],
    [{ subnet: 'vpc-0abc' }, /Invalid --subnet/],
    [{ securityGroup: ['sg-missing'] }, /Invalid --security-group "sg-missing"/],
    [{ securityGroup: ['default'] }, /Invalid --security-group/],
    [{ iamInstanceProfile: 'arn:aws:iam::1:instance-profile/x' }, /Invalid --iam-instance-profile/],
    [{ keyPair: '' }, /Invalid --key-pair/],
  ])('%j is a usage error', (flags, message) => {
    const e = refused(() => parseOrgFlags(flags));
    expect(e.code).toBe('USAGE');
    expect(e.message).toMatch(message);
  });
});
