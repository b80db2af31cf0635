import {
  CreateSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { closedPortEndpoint, faults, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { motoCredentials, useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';

// The fault proxy is a test helper other suites rely on (launch fault tests, fan-out failures):
// these tests pin that each fault reaches the SDK as the error a real AWS fault would be.
const moto = useMoto();

const base = (endpoint: string, region = 'us-east-1') => ({
  endpoint,
  region,
  credentials: motoCredentials,
  maxAttempts: 1,
  // The SDK only warns on requestTimeout unless told to throw (what create-aws-context does).
  requestHandler: { connectionTimeout: 5000, requestTimeout: 30_000, throwOnRequestTimeout: true },
});

describe('fault proxy', () => {
  it('forwards untouched requests to moto and records action, service and region', async () => {
    await using proxy = await startFaultProxy({ target: moto.endpoint });
    const ec2 = new EC2Client(base(proxy.endpoint, 'eu-west-1'));
    const out = await ec2.send(new DescribeRegionsCommand({}));
    expect(out.Regions?.length).toBeGreaterThan(10);
    expect(proxy.requests).toEqual([
      expect.objectContaining({
        action: 'DescribeRegions',
        service: 'ec2',
        region: 'eu-west-1',
        fault: undefined,
      }),
    ]);
  });

  it('answers an EC2 action with an AWS error the SDK parses by name (query XML)', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'DescribeInstances' }, fault: faults.unauthorized() }],
    });
    const ec2 = new EC2Client(base(proxy.endpoint));
    await expect(ec2.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({
      name: 'UnauthorizedOperation',
      $metadata: { httpStatusCode: 403 },
    });
    // other actions still go through
    await expect(ec2.send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
  });

  it('speaks JSON protocols (SSM X-Amz-Target) and the IAM/STS query protocol', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        { match: { target: /GetParameter$/ }, fault: faults.throttling() },
        { match: { service: 'iam' }, fault: faults.accessDenied() },
        { match: { action: 'GetCallerIdentity' }, fault: faults.expiredToken() },
      ],
    });
    const ssm = new SSMClient(base(proxy.endpoint));
    await ssm.send(new PutParameterCommand({ Name: '/x', Value: 'v', Type: 'String' }));
    await expect(ssm.send(new GetParameterCommand({ Name: '/x' }))).rejects.toMatchObject({
      name: 'Throttling',
    });
    await expect(
      new IAMClient(base(proxy.endpoint)).send(new GetRoleCommand({ RoleName: 'r' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      new STSClient(base(proxy.endpoint)).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'ExpiredToken',
    });
  });

  it('faults only the chosen calls of a match (by call number, or the first N)', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        { match: { action: 'DescribeRegions' }, calls: [2], fault: faults.serverError() },
        { match: { action: 'DescribeInstances' }, times: 1, fault: faults.serverError() },
      ],
    });
    const ec2 = new EC2Client(base(proxy.endpoint));
    const outcome = async (p: Promise<unknown>) => p.then(() => 'ok').catch((e: Error) => e.name);
    const regions = [];
    for (let i = 0; i < 3; i++) regions.push(await outcome(ec2.send(new DescribeRegionsCommand({}))));
    const instances = [];
    for (let i = 0; i < 2; i++) instances.push(await outcome(ec2.send(new DescribeInstancesCommand({}))));
    expect(regions).toEqual(['ok', 'InternalError', 'ok']);
    expect(instances).toEqual(['InternalError', 'ok']);
  });

  it('matches by region, so one region can fail while the others answer', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { region: 'ap-south-1' }, fault: faults.authFailure() }],
    });
    await expect(
      new EC2Client(base(proxy.endpoint, 'ap-south-1')).send(new DescribeRegionsCommand({})),
    ).rejects.toMatchObject({ name: 'AuthFailure' });
    await expect(
      new EC2Client(base(proxy.endpoint, 'us-west-2')).send(new DescribeRegionsCommand({})),
    ).resolves.toBeDefined();
  });

  it('hangs (the client times out), closes the socket, and answers late', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        { match: { region: 'us-east-2' }, fault: faults.hang() },
        { match: { region: 'us-west-1' }, fault: faults.close() },
        { match: { region: 'us-west-2' }, fault: faults.delay(300) },
      ],
    });
    const started = Date.now();
    const hungClient = new EC2Client({
      ...base(proxy.endpoint, 'us-east-2'),
      requestHandler: { requestTimeout: 1500, throwOnRequestTimeout: true },
    });
    await expect(hungClient.send(new DescribeRegionsCommand({}))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(
      new EC2Client(base(proxy.endpoint, 'us-west-1')).send(new DescribeRegionsCommand({})),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    const lateStart = Date.now();
    await expect(
      new EC2Client(base(proxy.endpoint, 'us-west-2')).send(new DescribeRegionsCommand({})),
    ).resolves.toBeDefined();
    expect(Date.now() - lateStart).toBeGreaterThanOrEqual(280);
  });

  it('bounds a hang by maxHangMs even when the client never gives up', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      maxHangMs: 200,
      rules: [{ match: {}, fault: faults.hang() }],
    });
    const ec2 = new EC2Client({ ...base(proxy.endpoint), requestHandler: {} });
    await expect(ec2.send(new DescribeRegionsCommand({}))).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('closes cleanly with a hung request in flight, and rules can be added and cleared', async () => {
    const proxy = await startFaultProxy({ target: moto.endpoint });
    proxy.add({ match: { action: 'DescribeRegions' }, fault: faults.hang() });
    const ec2 = new EC2Client({ ...base(proxy.endpoint), requestHandler: {} });
    const pending = ec2.send(new DescribeRegionsCommand({})).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    await proxy.close();
    expect(await pending).toBeInstanceOf(Error);
    proxy.clear();
  });

  it('late: the call reaches moto at once, only the answer is held', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'CreateSecurityGroup' }, fault: faults.late(5000) }],
    });
    const ec2 = new EC2Client({
      ...base(proxy.endpoint),
      requestHandler: { requestTimeout: 1000, throwOnRequestTimeout: true },
    });
    await expect(
      ec2.send(new CreateSecurityGroupCommand({ GroupName: 'late-sg', Description: 'x' })),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    const direct = new EC2Client(base(moto.endpoint));
    const groups = await direct.send(new DescribeSecurityGroupsCommand({ GroupNames: ['late-sg'] }));
    expect(groups.SecurityGroups).toHaveLength(1);
  });

  it('lost: the call reaches moto, and the client sees the connection end with no answer', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'CreateSecurityGroup' }, fault: faults.lost() }],
    });
    const ec2 = new EC2Client(base(proxy.endpoint));
    await expect(
      ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lost-sg', Description: 'x' })),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    const direct = new EC2Client(base(moto.endpoint));
    const groups = await direct.send(new DescribeSecurityGroupsCommand({ GroupNames: ['lost-sg'] }));
    expect(groups.SecurityGroups).toHaveLength(1);
    expect(proxy.requests.map((r) => r.fault)).toEqual(['lost']);
  });

  it('gives an endpoint where nothing listens (connection refused)', async () => {
    const endpoint = await closedPortEndpoint();
    await expect(new EC2Client(base(endpoint)).send(new DescribeRegionsCommand({}))).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
