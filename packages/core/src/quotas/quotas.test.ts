import { readFileSync } from 'node:fs';
import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  RequestServiceQuotaIncreaseCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { getVcpuQuotas } from './get-vcpu-quotas.ts';
import { quotaRequestCliCommand, requestQuotaIncrease } from './request-quota-increase.ts';

const fx = JSON.parse(readFileSync(new URL('./fixtures/service-quotas.json', import.meta.url), 'utf8'));
const noSuchResource = () =>
  Object.assign(new Error('The request failed because the specified service quota does not exist.'), {
    name: 'NoSuchResourceException',
  });

// Service Quotas in moto only knows `vpc` quotas: the EC2 quota values always come from fixtures.
const sq = mockClient(ServiceQuotasClient);
function serveQuotaFixtures() {
  sq.reset();
  sq.on(GetServiceQuotaCommand).callsFake(({ QuotaCode }: { QuotaCode: string }) => {
    const quota = fx.applied[QuotaCode];
    if (!quota) throw noSuchResource();
    return { Quota: quota };
  });
  sq.on(GetAWSDefaultServiceQuotaCommand).callsFake(({ QuotaCode }: { QuotaCode: string }) => ({
    Quota: fx.defaults[QuotaCode] ?? { QuotaCode, Value: 0 },
  }));
}
const sqClient = () => new ServiceQuotasClient({ region: 'us-east-1' });

describe('getVcpuQuotas (fixtures)', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => {
    serveQuotaFixtures();
    ec2.reset();
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-0aaa',
              InstanceType: 'm7i.xlarge',
              CpuOptions: { CoreCount: 2, ThreadsPerCore: 2 },
            },
            { InstanceId: 'i-0bbb', InstanceType: 'c7g.2xlarge', InstanceLifecycle: 'spot' },
            { InstanceId: 'i-0ccc', InstanceType: 'm7i.xlarge' },
          ],
        },
      ],
    });
    ec2.on(DescribeInstanceTypesCommand).resolves({
      InstanceTypes: [
        { InstanceType: 'm7i.xlarge', VCpuInfo: { DefaultVCpus: 4 } },
        { InstanceType: 'c7g.2xlarge', VCpuInfo: { DefaultVCpus: 8 } },
      ],
    });
  });
  afterEach(() => ec2.restore());

  it('reports limit, on-demand usage of running instances and headroom', async () => {
    const [standard] = await getVcpuQuotas(sqClient(), new EC2Client({ region: 'us-east-1' }), {
      region: 'us-east-1',
      bucket: 'standard',
    });
    expect(standard).toMatchObject({
      type: 'quota',
      bucket: 'standard',
      market: 'on-demand',
      quotaCode: 'L-1216C47A',
      limitVcpus: 32,
      usedVcpus: 8,
      headroomVcpus: 24,
      limitSource: 'applied',
    });
    expect(ec2).toHaveReceivedCommandWith(DescribeInstancesCommand, {
      Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }],
    });
  });

  it('counts spot instances against the spot quota only', async () => {
    const [spot] = await getVcpuQuotas(sqClient(), new EC2Client({ region: 'us-east-1' }), {
      region: 'us-east-1',
      bucket: 'standard',
      spot: true,
    });
    expect(spot).toMatchObject({ market: 'spot', quotaCode: 'L-34B43A08', usedVcpus: 8 });
  });

  it('falls back to the AWS default when the account never changed a quota', async () => {
    const all = await getVcpuQuotas(sqClient(), new EC2Client({ region: 'us-east-1' }), {
      region: 'us-east-1',
    });
    expect(all.map((q) => q.bucket)).toEqual(['standard', 'g', 'p', 'inf', 'trn', 'dl', 'f', 'x']);
    expect(all.find((q) => q.bucket === 'p')).toMatchObject({
      quotaCode: 'L-417A185B',
      limitVcpus: 0,
      limitSource: 'default',
      headroomVcpus: 0,
    });
    expect(all.find((q) => q.bucket === 'g')).toMatchObject({ limitVcpus: 0, limitSource: 'applied' });
    expect(sq).toHaveReceivedCommandTimes(GetServiceQuotaCommand, 8);
    expect(sq).toHaveReceivedCommandTimes(GetAWSDefaultServiceQuotaCommand, 6);
  });
});

describe('requestQuotaIncrease', () => {
  beforeEach(() => sq.reset());

  it('files the request and returns its id and status', async () => {
    sq.on(RequestServiceQuotaIncreaseCommand).resolves({
      RequestedQuota: {
        ...fx.requestIncrease.RequestedQuota,
        Created: new Date(fx.requestIncrease.RequestedQuota.Created),
      },
    });
    const out = await requestQuotaIncrease(sqClient(), {
      region: 'us-east-1',
      quotaCode: 'L-DB2E81BA',
      desiredVcpus: 8,
    });
    expect(out).toEqual({ requestId: 'd0b4c5e1a2f34b7c9e6d8f0a1b2c3d4eXyZ12345', status: 'PENDING' });
    expect(sq).toHaveReceivedCommandWith(RequestServiceQuotaIncreaseCommand, {
      ServiceCode: 'ec2',
      QuotaCode: 'L-DB2E81BA',
      DesiredValue: 8,
    });
  });

  it('an already open request is a clear user error', async () => {
    sq.on(RequestServiceQuotaIncreaseCommand).rejects(
      Object.assign(new Error('Only one open service quota increase request is allowed per quota.'), {
        name: 'ResourceAlreadyExistsException',
      }),
    );
    await expect(
      requestQuotaIncrease(sqClient(), { region: 'us-east-1', quotaCode: 'L-DB2E81BA', desiredVcpus: 8 }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'A request to raise L-DB2E81BA in us-east-1 is already open.',
    });
  });

  it('prints the exact AWS CLI line for --dry-run', () => {
    expect(
      quotaRequestCliCommand({
        region: 'eu-west-1',
        quotaCode: 'L-DB2E81BA',
        desiredVcpus: 8,
        profile: 'ml',
      }),
    ).toBe(
      'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-DB2E81BA --desired-value 8 --region eu-west-1 --profile ml',
    );
  });
});

describe('getVcpuQuotas usage (moto)', () => {
  useMoto();
  beforeEach(serveQuotaFixtures);

  it('sums vCPUs of running instances per bucket from DescribeInstances', async () => {
    const ec2 = new EC2Client({ region: 'us-east-1' });
    const ImageId = 'ami-12c6146b'; // any id works in moto
    await ec2.send(new RunInstancesCommand({ ImageId, InstanceType: 'm5.xlarge', MinCount: 2, MaxCount: 2 }));
    await ec2.send(
      new RunInstancesCommand({ ImageId, InstanceType: 'g5.2xlarge', MinCount: 1, MaxCount: 1 }),
    );
    const quotas = await getVcpuQuotas(sqClient(), ec2, { region: 'us-east-1' });
    expect(quotas.find((q) => q.bucket === 'standard')).toMatchObject({
      usedVcpus: 8,
      limitVcpus: 32,
      headroomVcpus: 24,
    });
    // A zero G quota with a running g5 (possible after a decrease) shows negative headroom.
    expect(quotas.find((q) => q.bucket === 'g')).toMatchObject({
      usedVcpus: 8,
      limitVcpus: 0,
      headroomVcpus: -8,
    });
    expect(quotas.find((q) => q.bucket === 'p')).toMatchObject({ usedVcpus: 0 });
  });
});
