import { EBS_PRICE_SOURCE, EBS_USD_PER_GB_MONTH } from '../lifecycle/cost-estimate.ts';
import { rootVolumeGiB } from './build-run-instances-input.ts';
import { DEFAULT_ROOT_GIB } from './estimate-cost.ts';
import type { LaunchPlan } from './plan.ts';

/** The root volume a plan creates: what RunInstances asks for, and what it costs a month. */
export interface RootDisk {
  sizeGiB: number;
  volumeType: string;
  usdPerGbMonth: number;
  /** Where the price per GB-month came from. */
  priceSource: string;
  /** The image's root snapshot, when it (not `--disk` or the 20 GiB default) set the size. */
  imageSetSizeGiB?: number;
}

/**
 * The plan's root volume (pure): the size and type `buildRunInstancesInput` sends, priced with
 * the region's gp3 price the lookup found, or the gp2 list price for a gp2 image.
 */
export function planRootDisk(plan: LaunchPlan): RootDisk {
  const volumeType = plan.image.rootVolumeType ?? 'gp3';
  const sizeGiB = rootVolumeGiB(plan.spec, plan.type, plan.image);
  const snapshot = plan.image.rootSnapshotGiB;
  const price =
    volumeType === 'gp3'
      ? { usdPerGbMonth: plan.diskPrice.usdPerGbMonth, priceSource: plan.diskPrice.source }
      : { usdPerGbMonth: EBS_USD_PER_GB_MONTH[volumeType], priceSource: EBS_PRICE_SOURCE };
  return {
    sizeGiB,
    volumeType,
    ...price,
    ...(snapshot !== undefined && snapshot === sizeGiB && snapshot > (plan.spec.diskGiB ?? DEFAULT_ROOT_GIB)
      ? { imageSetSizeGiB: snapshot }
      : {}),
  };
}
