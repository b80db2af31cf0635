import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { inventory, tagMap } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

useMoto();

describe('spawn flags mode (in-process, moto)', () => {
  it('launches with tags, IMDSv2 required, the SSH rule and the key pair', async () => {
    const run = await runSpawn([
      '--instance-type',
      't3.micro',
      '--ttl',
      '1h',
      '--yes',
      '--ssh-cidr',
      '203.0.113.7/32',
      '--wait',
      'running',
      '--name',
      'flags-box',
    ]);
    expect(run.code, run.stderr).toBe(0);
    // moto has no Pricing API: the live lookup fails fast and the plan names the fallback.
    expect(run.stderr).toMatch(/Cost {7}\$0\.0104\/hour/);
    expect(run.stderr).toMatch(
      /Price {6}on-demand price from the offline catalog .*\(live price unavailable: .*HTTP 500\)/,
    );
    const inv = await inventory();
    const [instance] = inv.instances;
    expect(instance?.MetadataOptions?.HttpTokens).toBe('required');
    expect(tagMap(instance?.Tags)).toMatchObject({
      'spawn:managed': 'true',
      'spawn:ttl': '1h',
      'spawn:expires-at': '2026-08-01T13:00:00.000Z',
      'spawn:idle-timeout': '1h',
      'spawn:on-idle': 'stop',
      'spawn:on-expire': 'terminate',
      'spawn:user': 'ec2-user',
      Name: 'flags-box',
    });
    expect(run.records).toEqual([
      expect.objectContaining({
        type: 'launched',
        instanceId: instance?.InstanceId,
        instanceType: 't3.micro',
      }),
    ]);
    const group = inv.securityGroups.find((g) => g.GroupId === instance?.SecurityGroups?.[0]?.GroupId);
    expect(group?.IpPermissions).toEqual([
      expect.objectContaining({
        FromPort: 22,
        ToPort: 22,
        IpRanges: [expect.objectContaining({ CidrIp: '203.0.113.7/32' })],
      }),
    ]);
    expect(tagMap(group?.Tags)['spawn:parent']).toBe(instance?.InstanceId);
    expect(inv.keyPairs).toEqual([instance?.KeyName]);
    expect(inv.roles).toContain('spawnd-agent');
  });

  it('--on-expire stop reaches the instance: its tag (what spawnd and the backstop read)', async () => {
    const run = await runSpawn([
      '--instance-type',
      't3.micro',
      '--ttl',
      '1h',
      '--on-expire',
      'stop',
      '--yes',
      '--ssh-cidr',
      '203.0.113.7/32',
      '--wait',
      'running',
      '--name',
      'expire-box',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const instance = (await inventory()).instances.find((i) => tagMap(i.Tags).Name === 'expire-box');
    expect(tagMap(instance?.Tags)).toMatchObject({ 'spawn:on-expire': 'stop', 'spawn:on-idle': 'stop' });
  });

  it.each([
    [['--on-idle', 'hibernate'], /--on-idle hibernate needs hibernation/],
    [['--on-expire', 'hibernate'], /--on-expire hibernate needs hibernation/],
    [['--spot', '--on-expire', 'stop'], /cannot stop at the end of its TTL/],
  ])('%j without what it needs: exit 2, a hint, nothing created', async (flags, message) => {
    const before = await inventory();
    const run = await runSpawn([
      '--instance-type',
      't3.micro',
      ...flags,
      '--yes',
      '--ssh-cidr',
      '203.0.113.7/32',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/hint|Add --hibernate|--on-expire terminate/i);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await inventory()).toEqual(before);
  });
});
