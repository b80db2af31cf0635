import { isUserError } from '@truffle-spawn/core';
import { translateAwsError } from '@truffle-spawn/core/aws';
import type { Cache } from '@truffle-spawn/core/cache';
import type { LiveAws } from './live-aws.ts';
import type { PriceFact } from './offer-data.ts';

// Beyond this many types the market engineer's fetch pages through the whole region instead.
const PER_TYPE_LIMIT = 10;

type Cached = { prices: Record<string, PriceFact> } | { unavailable: string };

/**
 * Live on-demand prices per region from the Price List API, cached. When AWS answers with an
 * error (no permission, unsupported endpoint) that answer is cached too, so a warm run stays
 * call-free; network trouble is not cached. Returns, per region, prices or why there are none.
 */
export async function fetchLivePrices(
  o: { cache: Cache; account: string; aws: LiveAws },
  regions: string[],
  types: string[],
): Promise<Map<string, Cached>> {
  const names = [...new Set(types)].sort();
  const perType = names.length <= PER_TYPE_LIMIT;
  const out = new Map<string, Cached>();
  await Promise.all(
    regions.map(async (region) => {
      const key = {
        account: o.account,
        region,
        kind: 'onDemandPrices' as const,
        id: perType ? names.join(',') : 'all',
      };
      try {
        const { value } = await o.cache.getOrLoad<Cached>(key, () =>
          load(o.aws, region, perType ? names : undefined),
        );
        out.set(region, value);
      } catch (error) {
        out.set(region, { unavailable: translateAwsError(error, { region }).message });
      }
    }),
  );
  return out;
}

async function load(aws: LiveAws, region: string, names: string[] | undefined): Promise<Cached> {
  const [{ fetchOnDemandPrices }, ctx] = await Promise.all([
    import('@truffle-spawn/core/pricing'),
    aws.get(),
  ]);
  try {
    const prices = await fetchOnDemandPrices(ctx.pricing(), region, names);
    return { prices: Object.fromEntries(prices) };
  } catch (error) {
    const e = translateAwsError(error, { region, operation: 'GetProducts' });
    if (isUserError(e) && (e.code === 'UNAUTHORIZED_OPERATION' || e.code === 'AWS_ERROR')) {
      return { unavailable: e.message };
    }
    throw e;
  }
}
