import {
  type CapacityReservation,
  type EC2Client,
  type Filter,
  paginateDescribeCapacityReservations,
} from '@aws-sdk/client-ec2';
import type { Capacity } from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';

export interface ListCapacityReservationsOptions {
  region: string;
  instanceTypes?: string[];
  /** Only active reservations with at least one free instance slot. */
  availableOnly?: boolean;
}

// Expired, cancelled and failed reservations can never be launched into: not worth a row.
const USABLE_STATES = ['active', 'scheduled', 'pending', 'payment-pending', 'assessing', 'delayed'];

/**
 * The account's On-Demand Capacity Reservations (including purchased Capacity Blocks) in a region
 * as `capacity` records carrying the `reservationId` spawn launches into. Paginated.
 */
export async function listCapacityReservations(
  ec2: EC2Client,
  o: ListCapacityReservationsOptions,
): Promise<Capacity[]> {
  const Filters: Filter[] = [{ Name: 'state', Values: o.availableOnly ? ['active'] : USABLE_STATES }];
  if (o.instanceTypes?.length) Filters.push({ Name: 'instance-type', Values: o.instanceTypes });
  const records: Capacity[] = [];
  for await (const page of paginateDescribeCapacityReservations({ client: ec2 }, { Filters })) {
    for (const r of page.CapacityReservations ?? []) {
      const record = toCapacity(r, o.region);
      if (!record) continue;
      if (o.availableOnly && (record.availableCount ?? 0) === 0) continue;
      if (o.instanceTypes?.length && !o.instanceTypes.includes(record.instanceType)) continue;
      records.push(record);
    }
  }
  return records;
}

function toCapacity(r: CapacityReservation, region: string): Capacity | undefined {
  if (!r.CapacityReservationId || !r.InstanceType || !r.AvailabilityZone) return undefined;
  return {
    v: PROTOCOL_VERSION,
    type: 'capacity',
    kind: 'odcr',
    instanceType: r.InstanceType,
    region,
    availabilityZone: r.AvailabilityZone,
    reservationId: r.CapacityReservationId,
    totalCount: r.TotalInstanceCount ?? 0,
    availableCount: r.AvailableInstanceCount ?? 0,
    ...(r.State && { state: r.State }),
    ...(r.Tenancy && { tenancy: r.Tenancy }),
    ...(r.StartDate && { startDate: r.StartDate.toISOString() }),
    ...(r.EndDate && { endDate: r.EndDate.toISOString() }),
    ...(r.InstancePlatform && { instancePlatform: r.InstancePlatform }),
    // "targeted" reservations only take launches that name them; spawn needs to know.
    ...(r.InstanceMatchCriteria && { instanceMatchCriteria: r.InstanceMatchCriteria }),
    ...(r.ReservationType && { reservationType: r.ReservationType }),
  };
}
