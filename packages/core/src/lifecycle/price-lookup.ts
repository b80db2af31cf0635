import { DescribeSpotPriceHistoryCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ManagedInstance } from './managed-instance.ts';

/** An hourly price and where it came from (shown next to every estimate). */
export interface HourlyPrice {
  usdPerHour: number;
  source: string;
}

/** Hourly price of an instance as it runs: spot price of its AZ, or the on-demand price. */
export type PriceLookup = (instance: ManagedInstance) => Promise<HourlyPrice | undefined>;

export interface PriceLookupOptions {
  ec2For: (region: string) => EC2Client;
  /** The clock (epoch ms): spot prices are asked for "in effect at now". */
  now: () => number;
  /** On-demand price source (the offline catalog); undefined = unknown, never guessed. */
  onDemand?: (instanceType: string, region: string) => Promise<HourlyPrice | undefined>;
}

/**
 * Builds a memoised price lookup. Spot instances use the latest Linux spot price of their AZ
 * (DescribeSpotPriceHistory); a failing price call leaves the price unknown rather than failing
 * the command, since cost is a secondary column.
 */
export function createPriceLookup(o: PriceLookupOptions): PriceLookup {
  const memo = new Map<string, Promise<HourlyPrice | undefined>>();
  return (instance) => {
    const spot = instance.market === 'spot' && instance.availabilityZone;
    const key = `${instance.region}|${instance.instanceType}|${spot ? instance.availabilityZone : 'od'}`;
    let price = memo.get(key);
    if (!price) {
      price = (
        spot ? latestSpotPrice(o.ec2For(instance.region), instance, o.now()) : onDemand(o, instance)
      ).catch(() => undefined);
      memo.set(key, price);
    }
    return price;
  };
}

async function onDemand(o: PriceLookupOptions, i: ManagedInstance): Promise<HourlyPrice | undefined> {
  return o.onDemand ? o.onDemand(i.instanceType, i.region) : undefined;
}

async function latestSpotPrice(
  ec2: EC2Client,
  i: ManagedInstance,
  now: number,
): Promise<HourlyPrice | undefined> {
  const out = await ec2.send(
    new DescribeSpotPriceHistoryCommand({
      InstanceTypes: [i.instanceType as never],
      AvailabilityZone: i.availabilityZone,
      ProductDescriptions: ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'],
      StartTime: new Date(now),
    }),
  );
  const latest = (out.SpotPriceHistory ?? [])
    .filter((p) => p.SpotPrice !== undefined)
    .sort((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0))[0];
  const usdPerHour = Number(latest?.SpotPrice);
  return latest && Number.isFinite(usdPerHour)
    ? { usdPerHour, source: `spot price ${i.availabilityZone}` }
    : undefined;
}
