import { formatDuration } from '../duration.ts';
import { EBS_USD_PER_GB_MONTH } from '../lifecycle/cost-estimate.ts';
import { decimalText } from './spot-cap.ts';
import type { LaunchSpec } from './types.ts';

/** The root volume spawn creates when --disk is not given (see build-run-instances-input.ts). */
export const DEFAULT_ROOT_GIB = 20;
const HOURS_PER_MONTH = 730;

export interface CostEstimate {
  pricePerHour?: number;
  /** `pricePerHour` is a Spot cap (the spot price is unknown): the figures are upper bounds. */
  isCap?: boolean;
  /** For the whole TTL, compute plus disk; undefined without TTL or price. */
  total?: number;
  /** Compute alone for the whole TTL. */
  computeTotal?: number;
  /** Spot saving against on-demand in percent. */
  savingsPercent?: number;
  /** Root volume size, type and its storage price per month. */
  diskGiB: number;
  diskType: string;
  diskMonthlyUsd: number;
  /** Disk cost over the TTL (undefined without TTL). */
  diskTtlUsd?: number;
  /** Worst case while stopped: the disk for the whole max-stopped time (undefined: cannot be stopped). */
  stoppedDiskUsd?: number;
  maxStoppedMs?: number;
}

type CostInput = Pick<LaunchSpec, 'ttlMs' | 'pricePerHour' | 'onDemandPricePerHour' | 'market'> &
  Partial<Pick<LaunchSpec, 'diskGiB' | 'maxStoppedMs'>>;

/**
 * Hourly and whole-TTL cost (the TTL is the most it can run before spawnd ends it), with the root
 * volume's storage prorated to the TTL, and what the disk costs if the instance is left stopped
 * for the whole max-stopped time (after which the cloud schedule terminates it). `rootGiB`
 * overrides the size (the image's snapshot or hibernation may grow it), `diskType` names its type
 * (default gp3), `usdPerGbMonth` its price (default: the us-east-1 gp3 list price).
 */
export function estimateCost(
  spec: CostInput,
  o: { rootGiB?: number; diskType?: string; usdPerGbMonth?: number; priceIsCap?: boolean } = {},
): CostEstimate {
  const price = spec.pricePerHour ?? (spec.market === 'on-demand' ? spec.onDemandPricePerHour : undefined);
  const hours = spec.ttlMs === undefined ? undefined : spec.ttlMs / 3_600_000;
  const diskGiB = o.rootGiB ?? spec.diskGiB ?? DEFAULT_ROOT_GIB;
  const diskMonthlyUsd = diskGiB * (o.usdPerGbMonth ?? EBS_USD_PER_GB_MONTH.gp3);
  const diskTtlUsd = hours === undefined ? undefined : (diskMonthlyUsd * hours) / HOURS_PER_MONTH;
  const computeTotal = price !== undefined && hours !== undefined ? price * hours : undefined;
  // A one-time Spot instance cannot be stopped: it has no stopped time to pay for.
  const stoppable = spec.market === 'on-demand' && spec.maxStoppedMs !== undefined;
  const stoppedDiskUsd = stoppable
    ? (diskMonthlyUsd * (spec.maxStoppedMs ?? 0)) / 3_600_000 / HOURS_PER_MONTH
    : undefined;
  const od = spec.onDemandPricePerHour;
  const savingsPercent =
    spec.market === 'spot' && price !== undefined && od && !o.priceIsCap
      ? Math.round((1 - price / od) * 100)
      : undefined;
  return {
    pricePerHour: price,
    ...(o.priceIsCap && price !== undefined ? { isCap: true } : {}),
    total: computeTotal === undefined ? undefined : computeTotal + (diskTtlUsd ?? 0),
    computeTotal,
    savingsPercent,
    diskGiB,
    diskType: o.diskType ?? 'gp3',
    diskMonthlyUsd,
    diskTtlUsd,
    stoppedDiskUsd,
    maxStoppedMs: stoppable ? spec.maxStoppedMs : undefined,
  };
}

/**
 * `$0.0416/hour, at most $0.35 for the 8h TTL (incl. $0.02 for 20 GiB gp3 disk); if left stopped
 * 7d, up to $0.37 more for the disk` style text.
 */
export function formatCost(e: CostEstimate, ttlText: string | undefined): string {
  const disk = `${e.diskGiB} GiB ${e.diskType} disk`;
  const stopped =
    e.stoppedDiskUsd !== undefined && e.maxStoppedMs !== undefined
      ? `; if left stopped ${formatDuration(e.maxStoppedMs)}, up to $${e.stoppedDiskUsd.toFixed(2)} more for the disk`
      : '';
  if (e.pricePerHour === undefined) {
    return `price unknown (check \`truffle search\` for the current price); ${disk} $${e.diskMonthlyUsd.toFixed(2)}/month`;
  }
  const hourly = `${e.isCap ? 'at most ' : ''}${usdPerHour(e.pricePerHour)}`;
  const saving = e.isCap
    ? ' (the Spot cap: spot price unknown)'
    : e.savingsPercent !== undefined
      ? ` (spot, ${e.savingsPercent}% below on-demand)`
      : '';
  const total =
    e.total !== undefined && ttlText
      ? `, at most $${e.total.toFixed(2)} for the ${ttlText} TTL (incl. $${(e.diskTtlUsd ?? 0).toFixed(2)} for the ${disk})${stopped}`
      : `, no TTL: no upper bound; ${disk} $${e.diskMonthlyUsd.toFixed(2)}/month${stopped}`;
  return `${hourly}${saving}${total}`;
}

/** `$0.0416/hour`; a price below $0.0001 is written out, not shown as $0.0000. */
export function usdPerHour(n: number): string {
  return `$${n >= 0.0001 ? n.toFixed(4) : decimalText(n)}/hour`;
}
