import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Cache } from '../cache/types.ts';
import { findType } from '../catalog/lookups.ts';
import type { Catalog } from '../catalog/types.ts';
import type { Capacity } from '../protocol/schemas.ts';
import { capacityBlockCandidates } from './capacity-block-candidates.ts';
import { isAccelerated } from './is-accelerated.ts';
import { listCapacityBlockOfferings } from './list-capacity-block-offerings.ts';
import { listCapacityReservations } from './list-capacity-reservations.ts';

export interface FindCapacityOptions {
  ec2: EC2Client;
  region: string;
  catalog: Catalog;
  /** Exact types; undefined = every reservation, and Capacity Blocks of the accelerated candidates. */
  instanceTypes?: string[];
  gpuOnly?: boolean;
  availableOnly?: boolean;
  /** Capacity Block instance count and length. */
  count: number;
  durationHours: number;
  start?: Date;
  end?: Date;
  cache?: Cache;
  account: string;
}

/**
 * Reservations (ODCRs) and purchasable Capacity Blocks of one region as `capacity` records, with
 * GPU info from the catalog. `blockTypes` says which types Capacity Blocks were asked for.
 */
export async function findCapacity(
  o: FindCapacityOptions,
): Promise<{ records: Capacity[]; blockTypes: string[] }> {
  const named = o.instanceTypes && o.instanceTypes.length > 0;
  const blockTypes = (named ? (o.instanceTypes ?? []) : capacityBlockCandidates(o.catalog, o.region)).filter(
    (t) => !o.gpuOnly || accelerated(o.catalog, t),
  );
  const load = async () => {
    const [odcrs, blocks] = await Promise.all([
      listCapacityReservations(o.ec2, o),
      blockTypes.length === 0
        ? []
        : listCapacityBlockOfferings(o.ec2, { ...o, instanceTypes: blockTypes, skipUnsupported: !named }),
    ]);
    return [...odcrs, ...blocks];
  };
  const id = JSON.stringify([
    o.instanceTypes,
    o.availableOnly,
    blockTypes,
    o.count,
    o.durationHours,
    o.start,
    o.end,
  ]);
  const all = o.cache
    ? (await o.cache.getOrLoad({ account: o.account, region: o.region, kind: 'capacity', id }, load)).value
    : await load();
  const records = all
    .filter((r) => !o.gpuOnly || accelerated(o.catalog, r.instanceType))
    .map((r) => {
      const gpus = findType(o.catalog, r.instanceType)?.gpus;
      return gpus ? { ...r, gpus } : r;
    });
  return { records, blockTypes };
}

function accelerated(catalog: Catalog, instanceType: string): boolean {
  const t = findType(catalog, instanceType);
  return t !== undefined && isAccelerated(t);
}
