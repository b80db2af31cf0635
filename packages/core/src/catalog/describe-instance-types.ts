import type { EC2Client } from '@aws-sdk/client-ec2';
import { fromInstanceTypeInfo } from './from-instance-type-info.ts';
import type { CatalogInstanceType } from './types.ts';

/**
 * DescribeInstanceTypes (paginated) in the client's region, translated to catalog specs.
 * `instanceTypes` limits the call to those names (at most 100 per page, as EC2 allows).
 */
export async function describeInstanceTypes(
  ec2: EC2Client,
  instanceTypes?: string[],
): Promise<CatalogInstanceType[]> {
  const { paginateDescribeInstanceTypes } = await import('@aws-sdk/client-ec2');
  const out: CatalogInstanceType[] = [];
  const chunks = instanceTypes ? chunk(instanceTypes, 100) : [undefined];
  for (const names of chunks) {
    const input = names ? { InstanceTypes: names as never[] } : { MaxResults: 100 };
    for await (const page of paginateDescribeInstanceTypes({ client: ec2 }, input)) {
      for (const info of page.InstanceTypes ?? []) {
        const t = fromInstanceTypeInfo(info);
        if (t) out.push(t);
      }
    }
  }
  return out;
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
