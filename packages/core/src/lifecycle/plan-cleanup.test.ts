import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { createInstance, createNetwork, ec2, tagResource, terminateDirectly } from './_moto-fixtures.ts';
import { findSpawnResources } from './find-spawn-resources.ts';
import { planCleanup } from './plan-cleanup.ts';

describe('planCleanup with a network shared by two launches (moto)', () => {
  useMoto();

  it('keeps the network while another instance lives in it, deletes it once none does', async () => {
    const net = await createNetwork();
    const first = await createInstance({ subnetId: net.subnetId });
    const second = await createInstance({ subnetId: net.subnetId });
    // The network carries the first launch's spawn:parent, as a reusing launch leaves it.
    await tagResource('us-east-1', [net.vpcId, net.subnetId, net.igwId, net.routeTableId], {
      'spawn:managed': 'true',
      'spawn:parent': first,
    });
    await terminateDirectly(first);

    const client = ec2();
    const resources = await findSpawnResources(client, 'us-east-1', { parent: first });
    const whileShared = await planCleanup(client, 'us-east-1', resources, { shared: true });
    expect(whileShared.delete.map((r) => r.id)).toEqual([]);
    expect(whileShared.keep.map((k) => k.reason)).toEqual(
      expect.arrayContaining([`its network is still used by ${second}`]),
    );
    expect(whileShared.keep.map((k) => k.resource.id).sort()).toEqual(
      [net.vpcId, net.subnetId, net.igwId, net.routeTableId].sort(),
    );

    await terminateDirectly(second);
    const afterwards = await planCleanup(client, 'us-east-1', resources, { shared: true });
    expect(afterwards.delete.map((r) => r.id).sort()).toEqual(
      [net.vpcId, net.subnetId, net.igwId, net.routeTableId].sort(),
    );
  });
});
