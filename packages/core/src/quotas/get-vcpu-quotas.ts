import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  type ServiceQuota,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import type { Quota } from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { measureVcpuUsage } from './_vcpu-usage.ts';
import { BUCKETS, type Bucket, VCPU_QUOTAS } from './vcpu-quotas.ts';

export interface GetVcpuQuotasOptions {
  region: string;
  /** One bucket; default all of them. */
  bucket?: Bucket;
  /** Spot quotas instead of on-demand. */
  spot?: boolean;
}

/**
 * The account's EC2 vCPU quotas in a region, with vCPUs in use and headroom, as `quota` records.
 * Pass clients for `region`. A quota never changed by the account has no applied value
 * (NoSuchResourceException): the AWS default is reported then, marked `limitSource: "default"`.
 */
export async function getVcpuQuotas(
  sq: ServiceQuotasClient,
  ec2: EC2Client,
  o: GetVcpuQuotasOptions,
): Promise<Quota[]> {
  const market = o.spot ? 'spot' : 'on-demand';
  const buckets = o.bucket ? [o.bucket] : BUCKETS;
  const [usage, limits] = await Promise.all([
    measureVcpuUsage(ec2),
    Promise.all(buckets.map((b) => readQuota(sq, quotaOf(b, o.spot).code))),
  ]);
  return buckets.map((bucket, i) => {
    const { code, name } = quotaOf(bucket, o.spot);
    const limit = limits[i] as { quota: ServiceQuota; source: 'applied' | 'default' };
    const limitVcpus = limit.quota.Value ?? 0;
    const usedVcpus = usage.get(`${bucket}/${market}`) ?? 0;
    return {
      v: PROTOCOL_VERSION,
      type: 'quota',
      region: o.region,
      bucket,
      market,
      quotaCode: code,
      name: limit.quota.QuotaName ?? name,
      limitVcpus,
      usedVcpus,
      headroomVcpus: limitVcpus - usedVcpus,
      limitSource: limit.source,
      ...(limit.quota.Adjustable !== undefined && { adjustable: limit.quota.Adjustable }),
    };
  });
}

function quotaOf(bucket: Bucket, spot: boolean | undefined) {
  return spot ? VCPU_QUOTAS[bucket].spot : VCPU_QUOTAS[bucket].onDemand;
}

async function readQuota(
  sq: ServiceQuotasClient,
  QuotaCode: string,
): Promise<{ quota: ServiceQuota; source: 'applied' | 'default' }> {
  try {
    const out = await sq.send(new GetServiceQuotaCommand({ ServiceCode: 'ec2', QuotaCode }));
    if (out.Quota) return { quota: out.Quota, source: 'applied' };
  } catch (error) {
    if ((error as { name?: string }).name !== 'NoSuchResourceException') throw error;
  }
  const out = await sq.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode: 'ec2', QuotaCode }));
  return { quota: out.Quota ?? {}, source: 'default' };
}
