import { type _InstanceType, DescribeSpotPriceHistoryCommand } from '@aws-sdk/client-ec2';
import { awsErrorName } from '../../aws/aws-error-name.ts';
import { isUserError } from '../../errors/user-error.ts';
import { awsCall, lookupDeadline, type StepContext } from '../context.ts';
import type { SpotFacts, SpotZonePrice } from '../spot-estimate.ts';

/**
 * Part of the price lookup for a Spot launch: the spot price in effect now in each AZ
 * (DescribeSpotPriceHistory; the zone is chosen by the network lookup running alongside) and the
 * Spot Advisor interruption bucket from the catalog. Either may be missing; the plan then says so.
 */
export async function lookupSpotFacts(ctx: StepContext): Promise<SpotFacts> {
  const [live, advisor] = await Promise.all([liveSpotPrices(ctx), advisorFigures(ctx)]);
  return { ...live, ...(advisor ? { advisor } : {}) };
}

async function liveSpotPrices(ctx: StepContext): Promise<Pick<SpotFacts, 'zones' | 'failure'>> {
  const { instanceType, region } = ctx.spec;
  // Like the on-demand price: a slow answer gives way to what is known, it never holds the launch.
  const { deadline, signal, late } = lookupDeadline(ctx);
  if (ctx.cancelled?.aborted) return { zones: [], failure: 'not asked: another lookup failed' };
  try {
    // With StartTime = now the answer is the price in effect per AZ; one type in one region fits a page.
    const out = await awsCall(
      ctx,
      'DescribeSpotPriceHistory',
      (o) =>
        ctx.clients.ec2.send(
          new DescribeSpotPriceHistoryCommand({
            InstanceTypes: [instanceType as _InstanceType],
            ProductDescriptions: ['Linux/UNIX'],
            StartTime: ctx.environment.now(),
          }),
          o,
        ),
      { signal },
    );
    const newest = new Map<string, SpotZonePrice>();
    for (const h of out?.SpotPriceHistory ?? []) {
      const usdPerHour = Number(h.SpotPrice);
      if (!h.AvailabilityZone || !h.Timestamp || !Number.isFinite(usdPerHour) || usdPerHour <= 0) continue;
      const known = newest.get(h.AvailabilityZone);
      if (known && Date.parse(known.asOf) >= h.Timestamp.getTime()) continue;
      newest.set(h.AvailabilityZone, {
        zone: h.AvailabilityZone,
        usdPerHour,
        asOf: h.Timestamp.toISOString(),
      });
    }
    const zones = [...newest.values()].sort((a, b) => a.zone.localeCompare(b.zone));
    return zones.length > 0
      ? { zones }
      : { zones, failure: `no spot price for ${instanceType} in ${region}` };
  } catch (error) {
    if (deadline.aborted) return { zones: [], failure: late };
    if (ctx.signal?.aborted) throw error;
    const name = awsErrorName(error);
    return { zones: [], failure: name ?? (isUserError(error) ? error.code : String(error)) };
  }
}

async function advisorFigures(ctx: StepContext): Promise<SpotFacts['advisor']> {
  try {
    const { loadCatalog, spotAdvisor } = await import('../../catalog/index.ts');
    return spotAdvisor(await loadCatalog(), ctx.spec.instanceType, ctx.spec.region);
  } catch {
    // No catalog (a development checkout before the data build): the plan says the bucket is unknown.
    return undefined;
  }
}
