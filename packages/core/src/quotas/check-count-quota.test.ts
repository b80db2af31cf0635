import { readFileSync } from 'node:fs';
import { DescribeInstancesCommand, DescribeInstanceTypesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkCountQuota } from './check-count-quota.ts';

// Service Quotas in moto only knows `vpc` quotas: the EC2 values are the recorded fixtures
// (standard on-demand 32 vCPUs, G 0), EC2 is mocked (t3.micro = 2 vCPUs, g5.xlarge and m7i.xlarge = 4; one m7i.xlarge running).
const fx = JSON.parse(readFileSync(new URL('./fixtures/service-quotas.json', import.meta.url), 'utf8'));
const sq = mockClient(ServiceQuotasClient);
const ec2 = mockClient(EC2Client);
beforeEach(() => {
  sq.reset();
  ec2.reset();
  sq.on(GetServiceQuotaCommand).callsFake(({ QuotaCode }: { QuotaCode: string }) => {
    const quota = fx.applied[QuotaCode];
    if (!quota) throw Object.assign(new Error('no such quota'), { name: 'NoSuchResourceException' });
    return { Quota: quota };
  });
  sq.on(GetAWSDefaultServiceQuotaCommand).callsFake(({ QuotaCode }: { QuotaCode: string }) => ({
    Quota: fx.defaults[QuotaCode] ?? { QuotaCode, Value: 0 },
  }));
  ec2.on(DescribeInstanceTypesCommand).callsFake(({ InstanceTypes }: { InstanceTypes: string[] }) => ({
    InstanceTypes: [
      {
        InstanceType: InstanceTypes[0],
        VCpuInfo: { DefaultVCpus: InstanceTypes[0] === 't3.micro' ? 2 : 4 },
      },
    ],
  }));
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          {
            InstanceId: 'i-1',
            InstanceType: 'm7i.xlarge',
            State: { Name: 'running' },
            CpuOptions: { CoreCount: 2, ThreadsPerCore: 2 },
          },
        ],
      },
    ],
  });
});
const check = (instanceType: string, count: number) =>
  checkCountQuota(new ServiceQuotasClient({ region: 'us-east-1' }), new EC2Client({ region: 'us-east-1' }), {
    region: 'us-east-1',
    instanceType,
    spot: false,
    count,
  });

describe('checkCountQuota', () => {
  it('fits: 14 × 2 vCPUs = 28 of the 28 left (32, 4 in use)', async () => {
    await expect(check('t3.micro', 14)).resolves.toEqual({
      neededVcpus: 28,
      headroomVcpus: 28,
      limitVcpus: 32,
    });
  });

  it('one more does not: EC2_QUOTA_EXCEEDED with the numbers and the request command', async () => {
    const error = await check('t3.micro', 15).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EC2_QUOTA_EXCEEDED', exitCode: 6 });
    expect((error as Error).message).toContain('needs 30 vCPUs, but us-east-1 has 28 left');
    expect((error as { hint: string }).hint).toContain('truffle quotas --family standard --request 34');
  });

  it('a quota of 0 (new account, G instances) refuses even one', async () => {
    await expect(check('g5.xlarge', 1)).rejects.toMatchObject({ code: 'EC2_QUOTA_EXCEEDED' });
  });

  it('a type outside the vCPU buckets is not checked', async () => {
    await expect(check('mac2.metal', 3)).resolves.toBeUndefined();
  });
});
