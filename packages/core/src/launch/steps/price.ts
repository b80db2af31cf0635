import { awsErrorName, awsHttpStatus } from '../../aws/aws-error-name.ts';
import { isUserError } from '../../errors/user-error.ts';
import { fetchOnDemandPrices } from '../../pricing/index.ts';
import { lookupDeadline, type StepContext } from '../context.ts';
import type { PriceFacts } from '../plan.ts';
import type { Done } from '../step.ts';
import { lookupSpotFacts } from './spot-price.ts';

/**
 * Lookup: the on-demand price for the estimate. A piped offer's price wins; otherwise the live
 * Price List API (when a client is given, i.e. not offline), else the offline catalog. The source
 * is recorded for the plan.
 */
export async function resolvePrice(ctx: StepContext): Promise<Done<PriceFacts>> {
  // A Spot launch also looks up the spot price and interruption bucket, at the same time.
  const [onDemand, spot] = await Promise.all([
    resolveOnDemandPrice(ctx),
    ctx.spec.market === 'spot' ? lookupSpotFacts(ctx) : undefined,
  ]);
  if (!spot) return onDemand;
  const zones = spot.zones.map((z) => `${z.zone} $${z.usdPerHour}`).join(', ');
  return {
    line: `${onDemand.line}; spot ${zones || `price unknown (${spot.failure})`}`,
    value: { ...onDemand.value, spot },
  };
}

async function resolveOnDemandPrice(ctx: StepContext): Promise<Done<PriceFacts>> {
  const { spec } = ctx;
  if (spec.onDemandPricePerHour !== undefined) {
    return priceDone({
      onDemandPricePerHour: spec.onDemandPricePerHour,
      pricePerHour: spec.pricePerHour,
      source: 'the piped offer',
    });
  }
  const live = await livePrice(ctx);
  const found = live.price ?? (await catalogPrice(ctx));
  const why = live.failure ? ` (live price unavailable: ${live.failure})` : '';
  if (!found) {
    return priceDone({
      onDemandPricePerHour: undefined,
      pricePerHour: spec.pricePerHour,
      source: `none found${why}`,
    });
  }
  return priceDone({
    onDemandPricePerHour: found.usdPerHour,
    pricePerHour: spec.pricePerHour ?? (spec.market === 'on-demand' ? found.usdPerHour : undefined),
    source: `${found.source}${why}`,
  });
}

function priceDone(price: PriceFacts): Done<PriceFacts> {
  const od = price.onDemandPricePerHour;
  return {
    line: `On-demand price ${od === undefined ? 'unknown' : `$${od.toFixed(4)}/hour`} from ${price.source}`,
    value: price,
  };
}

interface Found {
  usdPerHour: number;
  source: string;
}

async function livePrice(ctx: StepContext): Promise<{ price?: Found; failure?: string }> {
  const pricing = ctx.clients.pricing;
  if (!pricing) return {};
  const { instanceType, region } = ctx.spec;
  // The estimate must not hold the launch up: a slow or refused Pricing API gives way to the
  // catalog. Aborted, not just abandoned: a request left running (with the SDK's retries) would hold
  // the process open after the launch and overlap the steps that follow. Ctrl-C also stops it.
  const { deadline, signal, late } = lookupDeadline(ctx);
  try {
    const prices = await fetchOnDemandPrices(pricing, region, [instanceType], signal);
    const p = prices.get(instanceType);
    if (!p) return { failure: `no Linux on-demand price for ${instanceType} in ${region}` };
    return { price: { usdPerHour: p.usdPerHour, source: `the AWS Price List API (as of ${p.asOf})` } };
  } catch (error) {
    if (deadline.aborted) return { failure: late };
    if (signal.aborted) throw error;
    // The AWS answer behind the error, translated by the client middleware or not.
    const status = awsHttpStatus(error);
    const raw = isUserError(error) && error.cause instanceof Error ? error.cause : error;
    const message = raw instanceof Error ? raw.message : String(raw);
    return { failure: `${awsErrorName(error) ?? 'Error'}${status ? ` (HTTP ${status})` : `: ${message}`}` };
  }
}

async function catalogPrice(ctx: StepContext): Promise<Found | undefined> {
  try {
    const { loadCatalog, onDemandPrice } = await import('../../catalog/index.ts');
    const p = onDemandPrice(await loadCatalog(), ctx.spec.instanceType, ctx.spec.region);
    return p && { usdPerHour: p.usdPerHour, source: `the offline catalog (${p.source}, as of ${p.asOf})` };
  } catch {
    // No catalog (a development checkout before the data build): the estimate says "unknown".
    return undefined;
  }
}
