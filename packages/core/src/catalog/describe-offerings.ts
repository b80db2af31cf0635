import type { EC2Client } from '@aws-sdk/client-ec2';

/**
 * Instance types offered in each AZ of the client's region: one paginated
 * DescribeInstanceTypeOfferings chain (location type availability-zone), filtered to
 * `instanceTypes` when given (at most 200 names, EC2's filter limit). Result: type → sorted AZs.
 */
export async function describeAzOfferings(
  ec2: EC2Client,
  instanceTypes?: string[],
): Promise<Record<string, string[]>> {
  const { paginateDescribeInstanceTypeOfferings } = await import('@aws-sdk/client-ec2');
  const byType: Record<string, string[]> = {};
  const pages = paginateDescribeInstanceTypeOfferings(
    { client: ec2, pageSize: 1000 },
    {
      LocationType: 'availability-zone',
      ...(instanceTypes ? { Filters: [{ Name: 'instance-type', Values: instanceTypes }] } : {}),
    },
  );
  for await (const page of pages) {
    for (const o of page.InstanceTypeOfferings ?? []) {
      if (!o.InstanceType || !o.Location) continue;
      byType[o.InstanceType] = [...(byType[o.InstanceType] ?? []), o.Location];
    }
  }
  for (const azs of Object.values(byType)) azs.sort();
  return byType;
}
