import { EBS_PRICE_SOURCE, EBS_USD_PER_GB_MONTH } from '../../lifecycle/cost-estimate.ts';
import { fetchGp3Price } from '../../pricing/fetch-gp3-price.ts';
import type { StepContext } from '../context.ts';

const LIVE_PRICE_TIMEOUT_MS = 5000;

/**
 * Lookup: the region's gp3 price per GB-month for the disk part of the estimate, from the live
 * Price List API, else the us-east-1 list price (named as such in the plan). Never fails the launch.
 */
export async function resolveDiskPrice(ctx: StepContext): Promise<string> {
  const { spec, state } = ctx;
  const fallback = (why: string) => {
    state.diskPrice = { usdPerGbMonth: EBS_USD_PER_GB_MONTH.gp3, source: `${EBS_PRICE_SOURCE}; ${why}` };
  };
  const pricing = ctx.clients.pricing;
  if (!pricing) fallback('offline');
  else {
    const deadline = AbortSignal.timeout(ctx.environment.livePriceTimeoutMs ?? LIVE_PRICE_TIMEOUT_MS);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline;
    try {
      const live = await fetchGp3Price(pricing, spec.region, signal);
      if (live) {
        state.diskPrice = {
          usdPerGbMonth: live.usdPerGbMonth,
          source: `the AWS Price List API (as of ${live.asOf})`,
        };
      } else fallback(`no live gp3 price for ${spec.region}`);
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      fallback(deadline.aborted ? 'live price: no answer in time' : 'live price unavailable');
    }
  }
  return `Disk price $${state.diskPrice?.usdPerGbMonth.toFixed(4)}/GB-month (gp3) from ${state.diskPrice?.source}`;
}
