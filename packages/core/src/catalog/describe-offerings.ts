import type { EC2Client } from '@aws-sdk/client-ec2';

/**
 * Instance types offered in each AZ of the client's region: one paginated
 * DescribeInstanceTypeOfferings chain (location type availability-zone), filtered to
 * `instanceTypes` when given (at most 200 names, EC2's filter limit). Result: type → sorted AZs.
 * `abortSignal` goes to every page's `send`, so a launch's Ctrl-C or call deadline stops it.
 */
export async function describeAzOfferings(
  ec2: EC2Client,
  instanceTypes?: string[],
  o: { abortSignal?: AbortSignal } = {},
): Promise<Record<string, string[]>> {
  const { paginateDescribeInstanceTypeOfferings } = await import('@aws-sdk/client-ec2');
  const byType: Record<string, string[]> = {};
  const pages = paginateDescribeInstanceTypeOfferings(
    { client: ec2, pageSize: 1000 },
    {
      LocationType: 'availability-zone',
      ...(instanceTypes ? { Filters: [{ Name: 'instance-type', Values: instanceTypes }] } : {}),
    },
    ...(o.abortSignal ? [{ abortSignal: o.abortSignal }] : []),
  );
  for await (const page of pages) {
    for (const offer of page.InstanceTypeOfferings ?? []) {
      if (!offer.InstanceType || !offer.Location) continue;
      byType[offer.InstanceType] = [...(byType[offer.InstanceType] ?? []), offer.Location];
    }
  }
  for (const azs of Object.values(byType)) azs.sort();
  return byType;
}
