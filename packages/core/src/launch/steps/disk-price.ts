import { EBS_PRICE_SOURCE, EBS_USD_PER_GB_MONTH } from '../../lifecycle/cost-estimate.ts';
import { fetchGp3Price } from '../../pricing/fetch-gp3-price.ts';
import { lookupDeadline, type StepContext } from '../context.ts';
import type { DiskPrice } from '../plan.ts';
import type { Done } from '../step.ts';

/**
 * Lookup: the region's gp3 price per GB-month for the disk part of the estimate, from the live
 * Price List API, else the us-east-1 list price (named as such in the plan). Never fails the launch.
 */
export async function resolveDiskPrice(ctx: StepContext): Promise<Done<DiskPrice>> {
  const price = await lookUpDiskPrice(ctx);
  return {
    line: `Disk price $${price.usdPerGbMonth.toFixed(4)}/GB-month (gp3) from ${price.source}`,
    value: price,
  };
}

async function lookUpDiskPrice(ctx: StepContext): Promise<DiskPrice> {
  const fallback = (why: string) => ({
    usdPerGbMonth: EBS_USD_PER_GB_MONTH.gp3,
    source: `${EBS_PRICE_SOURCE}; ${why}`,
  });
  const pricing = ctx.clients.pricing;
  if (!pricing) return fallback('offline');
  const { deadline, signal } = lookupDeadline(ctx);
  try {
    const live = await fetchGp3Price(pricing, ctx.spec.region, signal);
    if (!live) return fallback(`no live gp3 price for ${ctx.spec.region}`);
    return { usdPerGbMonth: live.usdPerGbMonth, source: `the AWS Price List API (as of ${live.asOf})` };
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    return fallback(deadline.aborted ? 'live price: no answer in time' : 'live price unavailable');
  }
}
