import { type _InstanceType, DescribeInstanceTypesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { UserError } from '../errors/user-error.ts';
import { bucketForInstanceType } from './bucket-for-instance-type.ts';
import { getVcpuQuotas } from './get-vcpu-quotas.ts';

/** What N instances of a type need against the account's vCPU quota (undefined: no bucket). */
export interface CountQuotaCheck {
  neededVcpus: number;
  headroomVcpus: number;
  limitVcpus: number;
}

/**
 * `spawn run --count N`: N × the type's vCPUs against the running-instances vCPU quota of its
 * bucket in the region, before anything is launched. Over it: EC2_QUOTA_EXCEEDED (exit 6) with
 * the numbers and how to ask for more. Types outside the vCPU buckets are not checked.
 */
export async function checkCountQuota(
  sq: ServiceQuotasClient,
  ec2: EC2Client,
  o: { region: string; instanceType: string; spot: boolean; count: number },
): Promise<CountQuotaCheck | undefined> {
  const bucket = bucketForInstanceType(o.instanceType);
  if (!bucket) return undefined;
  const out = await ec2.send(
    new DescribeInstanceTypesCommand({ InstanceTypes: [o.instanceType as _InstanceType] }),
  );
  const vcpus = out.InstanceTypes?.[0]?.VCpuInfo?.DefaultVCpus;
  if (!vcpus) return undefined;
  const [quota] = await getVcpuQuotas(sq, ec2, { region: o.region, bucket, spot: o.spot });
  if (!quota) return undefined;
  const used = quota.usedVcpus ?? 0;
  const check = {
    neededVcpus: vcpus * o.count,
    headroomVcpus: quota.limitVcpus - used,
    limitVcpus: quota.limitVcpus,
  };
  if (check.neededVcpus > check.headroomVcpus) {
    throw new UserError(
      'EC2_QUOTA_EXCEEDED',
      `--count ${o.count} × ${o.instanceType} needs ${check.neededVcpus} vCPUs, but ${o.region} has ${Math.max(0, check.headroomVcpus)} left under "${quota.name}" (limit ${quota.limitVcpus}, ${used} in use). Nothing was launched.`,
      {
        hint: `Use a smaller --count, or ask for more: truffle quotas --family ${bucket} --request ${used + check.neededVcpus} --region ${o.region}`,
        details: { quotaCode: quota.quotaCode, ...check },
      },
    );
  }
  return check;
}
