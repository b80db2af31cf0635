import { join } from 'node:path';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { SPAWN_BIN, sh, TRUFFLE_BIN } from './_bins.ts';
import { inventory, tagMap } from './_inventory.ts';
import { tempHome } from './_launch-test-io.ts';

const moto = useMoto();

function env() {
  const home = tempHome();
  return { ...moto.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), USERPROFILE: home };
}

describe('truffle search | spawn (real binaries, moto)', () => {
  it('launches the first offer with tags, IMDSv2, the SSH rule and the key', async () => {
    const run = await sh(
      `node ${TRUFFLE_BIN} search t3.micro --region us-east-1 --offline | node ${SPAWN_BIN} --ttl 1h --yes --ssh-cidr 203.0.113.7/32 --wait running`,
      env(),
    );
    expect(run.code, run.stderr).toBe(0);
    const launched = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
    expect(launched).toMatchObject({
      v: 1,
      type: 'launched',
      instanceType: 't3.micro',
      region: 'us-east-1',
      user: 'ec2-user',
    });
    const inv = await inventory();
    expect(inv.instances).toHaveLength(1);
    const [instance] = inv.instances;
    expect(instance?.InstanceId).toBe(launched.instanceId);
    expect(instance?.MetadataOptions?.HttpTokens).toBe('required');
    const tags = tagMap(instance?.Tags);
    for (const key of [
      'spawn:managed',
      'spawn:ttl',
      'spawn:expires-at',
      'spawn:idle-timeout',
      'spawn:on-idle',
      'spawn:on-expire',
      'spawn:created-by',
      'spawn:version',
      'spawn:user',
      'Name',
    ]) {
      expect(tags[key], key).toBeTruthy();
    }
    expect(tags['spawn:ttl']).toBe('1h');
    const group = inv.securityGroups.find((g) => g.GroupId === instance?.SecurityGroups?.[0]?.GroupId);
    expect(group?.IpPermissions?.[0]).toMatchObject({
      FromPort: 22,
      ToPort: 22,
      IpRanges: [expect.objectContaining({ CidrIp: '203.0.113.7/32' })],
    });
    expect(inv.keyPairs).toEqual([instance?.KeyName]);
    expect(run.stderr).toMatch(/Connect: {3}ssh -i ".*id_ed25519" ec2-user@/);
    expect(run.stderr).toMatch(/\$0\.\d{4}\/hour/);
  });

  it('flags mode with stdin closed, then --dry-run creates nothing', async () => {
    const e = env();
    const dry = await sh(
      `node ${SPAWN_BIN} --instance-type t3.micro --region us-east-1 --ssh-cidr 203.0.113.7/32 --dry-run < /dev/null`,
      e,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('Dry run complete: nothing was created.');
    expect(dry.stderr).toContain('RunInstances: permission check passed (EC2 DryRun)');
    expect(dry.stdout).toBe('');
    expect(await inventory()).toMatchObject({
      instances: [],
      keyPairs: [],
      securityGroups: [],
      roles: [],
      instanceProfiles: [],
    });
    const real = await sh(
      `node ${SPAWN_BIN} --instance-type t3.micro --ssh-cidr 203.0.113.7/32 --wait none --yes -o ndjson < /dev/null`,
      e,
    );
    expect(real.code, real.stderr).toBe(0);
    expect((await inventory()).instances).toHaveLength(1);
  });

  it('refuses to launch without a terminal and without --yes', async () => {
    const run = await sh(
      `node ${SPAWN_BIN} --instance-type t3.micro --ssh-cidr 203.0.113.7/32 < /dev/null`,
      env(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect((await inventory()).instances).toHaveLength(0);
  });
});
