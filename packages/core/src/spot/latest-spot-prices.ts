import type { _InstanceType, EC2Client } from '@aws-sdk/client-ec2';

/** The current spot price of one instance type in one availability zone. */
export interface SpotPrice {
  instanceType: string;
  availabilityZone: string;
  region: string;
  usdPerHour: number;
  /** When this price took effect, ISO-8601. */
  timestamp: string;
}

export interface LatestSpotPricesOptions {
  region: string;
  instanceTypes: string[];
  /** Clock for StartTime (tests). */
  now?: Date;
}

/**
 * The price in effect now for each (instance type, AZ) of Linux/UNIX spot in a region. With
 * StartTime = now, DescribeSpotPriceHistory answers with the record current at that moment per AZ;
 * pages may still hold several records for one AZ, so the newest wins.
 */
export async function latestSpotPrices(ec2: EC2Client, o: LatestSpotPricesOptions): Promise<SpotPrice[]> {
  if (o.instanceTypes.length === 0) return [];
  const now = o.now ?? new Date();
  const newest = new Map<string, SpotPrice>();
  // Loaded here, not at the top: `truffle spot --offline` imports this module and must not load the SDK.
  const { paginateDescribeSpotPriceHistory } = await import('@aws-sdk/client-ec2');
  const pages = paginateDescribeSpotPriceHistory(
    { client: ec2, pageSize: 1000 },
    {
      InstanceTypes: o.instanceTypes as _InstanceType[],
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: now,
    },
  );
  for await (const page of pages) {
    for (const h of page.SpotPriceHistory ?? []) {
      const usdPerHour = Number(h.SpotPrice);
      if (!h.InstanceType || !h.AvailabilityZone || !h.Timestamp || !Number.isFinite(usdPerHour)) continue;
      const key = `${h.InstanceType} ${h.AvailabilityZone}`;
      const known = newest.get(key);
      if (known && Date.parse(known.timestamp) >= h.Timestamp.getTime()) continue;
      newest.set(key, {
        instanceType: h.InstanceType,
        availabilityZone: h.AvailabilityZone,
        region: o.region,
        usdPerHour,
        timestamp: h.Timestamp.toISOString(),
      });
    }
  }
  return [...newest.values()].sort(
    (a, b) =>
      a.instanceType.localeCompare(b.instanceType) || a.availabilityZone.localeCompare(b.availabilityZone),
  );
}
