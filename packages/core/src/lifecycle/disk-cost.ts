import { DescribeVolumesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { volumeMonthlyUsd } from './cost-estimate.ts';

/** Total size and estimated monthly EBS cost of volumes; what a stopped instance keeps paying. */
export async function describeDiskCost(
  ec2: EC2Client,
  volumeIds: string[],
): Promise<{ sizeGiB: number; monthlyUsd: number } | undefined> {
  if (volumeIds.length === 0) return undefined;
  const out = await ec2.send(new DescribeVolumesCommand({ VolumeIds: volumeIds }));
  let sizeGiB = 0;
  let monthlyUsd = 0;
  for (const v of out.Volumes ?? []) {
    sizeGiB += v.Size ?? 0;
    monthlyUsd += volumeMonthlyUsd(v.Size ?? 0, v.VolumeType);
  }
  return { sizeGiB, monthlyUsd };
}
