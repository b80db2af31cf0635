import {
  type _InstanceType,
  type EC2Client,
  paginateDescribeInstances,
  paginateDescribeInstanceTypes,
} from '@aws-sdk/client-ec2';
import type { Market } from '../protocol/schemas.ts';
import { bucketForInstanceType } from './bucket-for-instance-type.ts';
import type { Bucket } from './vcpu-quotas.ts';

/** vCPUs in use per `${bucket}/${market}`, from running and pending instances. */
export type VcpuUsage = Map<`${Bucket}/${Market}`, number>;

/**
 * Sums the vCPUs of running and pending instances per quota bucket and market, the way EC2 counts
 * them against vCPU quotas (spot requests against spot quotas, everything else on-demand). A
 * type's vCPUs come from DescribeInstanceTypes (one call for the distinct types), falling back to
 * the instance's own CPU options.
 */
export async function measureVcpuUsage(ec2: EC2Client): Promise<VcpuUsage> {
  const running: { type: string; spot: boolean; ownVcpus: number | undefined }[] = [];
  const pages = paginateDescribeInstances(
    { client: ec2 },
    { Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] },
  );
  for await (const page of pages) {
    for (const instance of (page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
      if (!instance.InstanceType) continue;
      const { CoreCount, ThreadsPerCore } = instance.CpuOptions ?? {};
      running.push({
        type: instance.InstanceType,
        spot: instance.InstanceLifecycle === 'spot',
        ownVcpus: CoreCount && ThreadsPerCore ? CoreCount * ThreadsPerCore : undefined,
      });
    }
  }
  const typeVcpus = await defaultVcpus(ec2, [...new Set(running.map((r) => r.type))]);
  const usage: VcpuUsage = new Map();
  for (const r of running) {
    const bucket = bucketForInstanceType(r.type);
    const vcpus = typeVcpus.get(r.type) ?? r.ownVcpus ?? 0;
    if (!bucket) continue;
    const key = `${bucket}/${r.spot ? 'spot' : 'on-demand'}` as const;
    usage.set(key, (usage.get(key) ?? 0) + vcpus);
  }
  return usage;
}

async function defaultVcpus(ec2: EC2Client, types: string[]): Promise<Map<string, number>> {
  const vcpus = new Map<string, number>();
  if (types.length === 0) return vcpus;
  const pages = paginateDescribeInstanceTypes({ client: ec2 }, { InstanceTypes: types as _InstanceType[] });
  for await (const page of pages) {
    for (const t of page.InstanceTypes ?? []) {
      if (t.InstanceType && t.VCpuInfo?.DefaultVCpus) vcpus.set(t.InstanceType, t.VCpuInfo.DefaultVCpus);
    }
  }
  return vcpus;
}
