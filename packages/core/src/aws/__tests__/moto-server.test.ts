import { CreateSubnetCommand, CreateVpcCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { motoCredentials } from '@truffle-spawn/test-utils/moto';
import { crashLine, type MotoServer, startMotoServer } from '@truffle-spawn/test-utils/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Every moto server of the test run comes from startMotoServer. moto 5.2.1 hands out a subnet's
 * private IPs from one shared generator, and two RunInstances in one subnet at once could crash it
 * ("generator already executing": the HTML 500 that failed a CI run's five concurrent launches).
 * This server makes that window wide on purpose (each IP takes 5 ms to come out, with the GIL
 * released), so without the launcher's one-handler-at-a-time lock the burst below fails every time.
 */
const SLOW_IPS = `
import ipaddress, time
_hosts = ipaddress.IPv4Network.hosts
def _slow_hosts(self):
    for host in _hosts(self):
        time.sleep(0.005)
        yield host
ipaddress.IPv4Network.hosts = _slow_hosts
`;

let moto: MotoServer;
beforeAll(async () => {
  moto = await startMotoServer({ setup: SLOW_IPS });
}, 60_000);
afterAll(() => moto?.stop());

describe('the moto server the tests run', () => {
  it('answers concurrent RunInstances in one subnet one handler at a time: each gets its own IP', async () => {
    const ec2 = new EC2Client({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: motoCredentials,
      maxAttempts: 1,
    });
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }));
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpc.Vpc?.VpcId,
        CidrBlock: '10.7.1.0/24',
        AvailabilityZone: 'us-east-1a',
      }),
    );
    const burst = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        ec2.send(
          new RunInstancesCommand({
            ImageId: 'ami-12c6146b',
            InstanceType: 't3.micro',
            MinCount: 1,
            MaxCount: 1,
            SubnetId: subnet.Subnet?.SubnetId,
          }),
        ),
      ),
    );
    expect(burst.map((b) => (b.status === 'rejected' ? String(b.reason) : 'ok'))).toEqual(
      Array(8).fill('ok'),
    );
    const ips = burst.map((b) =>
      b.status === 'fulfilled' ? b.value.Instances?.[0]?.PrivateIpAddress : undefined,
    );
    expect(new Set(ips).size).toBe(8);
    expect(moto.crashes()).toEqual([]);
  }, 60_000);
});

describe('crashLine (what the run reports moto raised)', () => {
  it("keeps a traceback's last line, not the missing-service one nor werkzeug's own lines", () => {
    expect(crashLine('ValueError: generator already executing')).toBe(
      'ValueError: generator already executing',
    );
    expect(crashLine("KeyError: 'pop from an empty set'")).toBe("KeyError: 'pop from an empty set'");
    expect(crashLine('botocore.exceptions.NoCredentialsError: Unable to locate credentials')).toMatch(
      /^botocore/,
    );
    expect(crashLine("AttributeError: 'NoneType' object has no attribute 'replace'")).toBeUndefined();
    expect(crashLine('Error on request:')).toBeUndefined();
    expect(crashLine('127.0.0.1 - - [28/Nov/2026 02:56:53] "POST / HTTP/1.1" 500 -')).toBeUndefined();
    expect(crashLine('    raise ValueError("x")')).toBeUndefined();
    expect(crashLine('Traceback (most recent call last):')).toBeUndefined();
  });
});
