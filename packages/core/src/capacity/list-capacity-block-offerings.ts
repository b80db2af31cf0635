import {
  type _InstanceType,
  type CapacityBlockOffering,
  type EC2Client,
  paginateDescribeCapacityBlockOfferings,
} from '@aws-sdk/client-ec2';
import type { Capacity } from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';

export interface ListCapacityBlockOfferingsOptions {
  region: string;
  instanceTypes: string[];
  /** Instances in the block. */
  count: number;
  /** Block length in hours (AWS sells 24-hour steps up to 182 days, and 1–13 days in some cases). */
  durationHours: number;
  /** Earliest start. */
  start?: Date;
  /** Latest end. */
  end?: Date;
  /**
   * Treat "this type is not sold as Capacity Blocks" answers as no offerings (for candidate types
   * the user did not name); otherwise they are thrown.
   */
  skipUnsupported?: boolean;
}

// EC2 answers a type without Capacity Block support with a parameter error.
const UNSUPPORTED = /^(InvalidParameterValue|InvalidParameterCombination|Unsupported|InvalidInstanceType)/;

/**
 * Purchasable Capacity Blocks for ML in a region, one DescribeCapacityBlockOfferings query
 * (paginated) per instance type since the API takes one type at a time. Records carry the
 * `offeringId`, start/end, duration and upfront fee.
 */
export async function listCapacityBlockOfferings(
  ec2: EC2Client,
  o: ListCapacityBlockOfferingsOptions,
): Promise<Capacity[]> {
  const perType = await Promise.all(
    o.instanceTypes.map(async (instanceType) => {
      const records: Capacity[] = [];
      const pages = paginateDescribeCapacityBlockOfferings(
        { client: ec2 },
        {
          InstanceType: instanceType as _InstanceType,
          InstanceCount: o.count,
          CapacityDurationHours: o.durationHours,
          ...(o.start && { StartDateRange: o.start }),
          ...(o.end && { EndDateRange: o.end }),
        },
      );
      try {
        for await (const page of pages) {
          for (const offering of page.CapacityBlockOfferings ?? []) {
            const record = toCapacity(offering, o.region);
            if (record) records.push(record);
          }
        }
      } catch (error) {
        if (!o.skipUnsupported || !UNSUPPORTED.test((error as { name?: string }).name ?? '')) throw error;
      }
      return records;
    }),
  );
  return perType.flat();
}

function toCapacity(c: CapacityBlockOffering, region: string): Capacity | undefined {
  if (!c.CapacityBlockOfferingId || !c.InstanceType || !c.AvailabilityZone) return undefined;
  const fee = Number(c.UpfrontFee);
  return {
    v: PROTOCOL_VERSION,
    type: 'capacity',
    kind: 'capacity-block',
    instanceType: c.InstanceType,
    region,
    availabilityZone: c.AvailabilityZone,
    offeringId: c.CapacityBlockOfferingId,
    ...(c.InstanceCount !== undefined && { totalCount: c.InstanceCount }),
    ...(c.Tenancy && { tenancy: c.Tenancy }),
    ...(c.StartDate && { startDate: c.StartDate.toISOString() }),
    ...(c.EndDate && { endDate: c.EndDate.toISOString() }),
    ...(c.CapacityBlockDurationHours !== undefined && { durationHours: c.CapacityBlockDurationHours }),
    ...(c.UpfrontFee !== undefined && Number.isFinite(fee) && { upfrontFee: fee }),
    ...(c.CurrencyCode && { currency: c.CurrencyCode }),
  };
}
