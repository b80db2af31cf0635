import {
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteSpawnResources } from './delete-spawn-resources.ts';
import type { SpawnResource } from './spawn-resource.ts';

// moto deletes a terminated instance's ENIs at once; real EC2 keeps them for a while, so the
// DependencyViolation retry is exercised against a mocked client.
const ec2Mock = mockClient(EC2Client);
const ec2 = new EC2Client({ region: 'us-east-1' });
const awsError = (name: string) => Object.assign(new Error(`${name} from EC2`), { name, $fault: 'client' });
const sg: SpawnResource = {
  kind: 'security-group',
  id: 'sg-1',
  region: 'us-east-1',
  groupRefIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-2' }] }],
};

beforeEach(() => ec2Mock.reset());

describe('deleteSpawnResources', () => {
  it('revokes group references first and retries while EC2 still sees a dependency', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({});
    ec2Mock
      .on(DeleteSecurityGroupCommand)
      .rejectsOnce(awsError('DependencyViolation'))
      .rejectsOnce(awsError('DependencyViolation'))
      .resolves({});
    const sleeps: number[] = [];
    const results = await deleteSpawnResources(ec2, [sg], {
      attempts: 5,
      delayMs: 5000,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(results).toEqual([{ resource: sg, ok: true }]);
    expect(sleeps).toEqual([5000, 5000]);
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-1',
      IpPermissions: sg.groupRefIngress,
    });
  });

  it('counts already-gone resources as deleted, reports other failures and carries on', async () => {
    ec2Mock.on(DeleteKeyPairCommand).rejects(awsError('InvalidKeyPair.NotFound'));
    ec2Mock.on(DeleteSubnetCommand).rejects(awsError('DependencyViolation'));
    ec2Mock.on(DeleteVpcCommand).resolves({});
    const key: SpawnResource = { kind: 'key-pair', id: 'key-1', keyName: 'spawn-k', region: 'us-east-1' };
    const subnet: SpawnResource = { kind: 'subnet', id: 'subnet-1', region: 'us-east-1' };
    const vpc: SpawnResource = { kind: 'vpc', id: 'vpc-1', region: 'us-east-1' };
    const results = await deleteSpawnResources(ec2, [vpc, subnet, key], { attempts: 1 });
    expect(results.map((r) => [r.resource.id, r.ok])).toEqual([
      ['key-1', true],
      ['subnet-1', false],
      ['vpc-1', true],
    ]);
    expect(ec2Mock.commandCalls(DeleteKeyPairCommand)[0]?.args[0].input).toEqual({ KeyName: 'spawn-k' });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'AWS_ERROR' } });
  });
});
