/**
 * EBS storage list prices, USD per GB-month, us-east-1, from https://aws.amazon.com/ebs/pricing/
 * (gp3 $0.08, gp2 $0.10, io1/io2 $0.125, st1 $0.045, sc1 $0.015, magnetic $0.05). Other regions
 * differ by a few percent, so every figure built on these is shown as an estimate.
 */
export const EBS_USD_PER_GB_MONTH = {
  gp3: 0.08,
  gp2: 0.1,
  io1: 0.125,
  io2: 0.125,
  st1: 0.045,
  sc1: 0.015,
  standard: 0.05,
} as const;

export const EBS_PRICE_SOURCE = 'EBS list price, us-east-1 (aws.amazon.com/ebs/pricing)';

/** Monthly storage cost of one volume; unknown types are priced as gp3, the default spawn uses. */
export function volumeMonthlyUsd(sizeGiB: number, volumeType: string | undefined): number {
  const rate =
    EBS_USD_PER_GB_MONTH[(volumeType ?? 'gp3') as keyof typeof EBS_USD_PER_GB_MONTH] ??
    EBS_USD_PER_GB_MONTH.gp3;
  return sizeGiB * rate;
}

/**
 * Compute cost of the current run: hourly price × hours since the last start (EC2's LaunchTime),
 * zero when the instance is not running. An estimate: per-second billing, minimums and
 * price changes are not modelled.
 */
export function costSoFarUsd(o: {
  usdPerHour: number | undefined;
  state: string;
  launchedAt: string;
  now: number;
}): number | undefined {
  if (o.usdPerHour === undefined) return undefined;
  if (o.state !== 'running') return 0;
  const hours = Math.max(0, o.now - Date.parse(o.launchedAt)) / 3_600_000;
  return roundCents(o.usdPerHour * hours);
}

/** Rounds to a tenth of a cent, enough for estimates without float noise. */
export function roundCents(usd: number): number {
  return Math.round(usd * 1000) / 1000;
}

/** `$1.23`, or `<$0.01` for tiny non-zero amounts. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}
