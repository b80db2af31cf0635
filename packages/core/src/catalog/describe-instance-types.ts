import type { EC2Client } from '@aws-sdk/client-ec2';
import { fromInstanceTypeInfo } from './from-instance-type-info.ts';
import type { CatalogInstanceType } from './types.ts';

/**
 * DescribeInstanceTypes (generated paginator) in the client's region, translated to catalog specs.
 * `instanceTypes` limits the call to those names (at most 100 per request, as EC2 allows);
 * `patterns` to the `instance-type` filter values (names or wildcards: an unknown name is simply
 * absent, not an error).
 */
export async function describeInstanceTypes(
  ec2: EC2Client,
  instanceTypes?: string[],
  o: { patterns?: string[]; abortSignal?: AbortSignal } = {},
): Promise<CatalogInstanceType[]> {
  const { paginateDescribeInstanceTypes } = await import('@aws-sdk/client-ec2');
  const out: CatalogInstanceType[] = [];
  const inputs = o.patterns
    ? [{ Filters: [{ Name: 'instance-type', Values: o.patterns }], MaxResults: 100 }]
    : instanceTypes
      ? chunk(instanceTypes, 100).map((names) => ({ InstanceTypes: names as never[] }))
      : [{ MaxResults: 100 }];
  for (const input of inputs) {
    const pages = paginateDescribeInstanceTypes(
      { client: ec2 },
      input,
      ...(o.abortSignal ? [{ abortSignal: o.abortSignal }] : []),
    );
    for await (const page of pages) {
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
