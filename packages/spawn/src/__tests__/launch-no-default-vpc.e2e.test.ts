import { join } from 'node:path';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { SPAWN_BIN, sh } from './_bins.ts';
import { deleteDefaultVpc, inventory, tagMap } from './_inventory.ts';
import { tempHome } from './_launch-test-io.ts';

const moto = useMoto();

describe('spawn binary without a default VPC (moto)', () => {
  it('creates one tagged shared network (no spawn:parent: issue 12), and reuses it next time', async () => {
    await deleteDefaultVpc();
    const home = tempHome();
    const env = { ...moto.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), USERPROFILE: home };
    const launch = `node ${SPAWN_BIN} --instance-type t3.micro --ssh-cidr 203.0.113.7/32 --wait running --yes -o ndjson < /dev/null`;
    const first = await sh(launch, env);
    expect(first.code, first.stderr).toBe(0);
    const { instanceId } = JSON.parse(first.stdout.trim()) as { instanceId: string };
    const inv = await inventory();
    expect(inv.vpcs).toHaveLength(1);
    expect(inv.subnets).toHaveLength(1);
    expect(inv.routeTables).toHaveLength(1);
    expect(inv.internetGateways).toHaveLength(1);
    const [instance] = inv.instances;
    expect(instance?.VpcId).toBe(inv.vpcs[0]);
    expect(tagMap(instance?.Tags)['spawn:managed']).toBe('true');
    const { EC2Client, DescribeTagsCommand } = await import('@aws-sdk/client-ec2');
    const tags = await new EC2Client({}).send(
      new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['spawn:parent'] }] }),
    );
    const parented = new Map((tags.Tags ?? []).map((t) => [t.ResourceId, t.Value]));
    // Issue 12: the network is shared by every launch and owned by none: no spawn:parent on it;
    // the instance's own security group and key pair carry it.
    for (const id of [inv.vpcs[0], inv.subnets[0], inv.routeTables[0], inv.internetGateways[0]]) {
      expect(parented.get(id), id).toBeUndefined();
    }
    expect(parented.get(inv.securityGroups[0]?.GroupId)).toBe(instanceId);

    const second = await sh(launch, env);
    expect(second.code, second.stderr).toBe(0);
    const after = await inventory();
    expect(after.instances).toHaveLength(2);
    expect({ vpcs: after.vpcs, subnets: after.subnets, igws: after.internetGateways }).toEqual({
      vpcs: inv.vpcs,
      subnets: inv.subnets,
      igws: inv.internetGateways,
    });
  }, 60_000);
});
