import type { EC2Client } from '@aws-sdk/client-ec2';
import type { PricingClient } from '@aws-sdk/client-pricing';
import { translateAwsError } from '../aws/translate-aws-error.ts';
import type { Cache, ValueSchema } from '../cache/types.ts';
import { priceTableSchema, spotPricesSchema } from '../cache/value-schemas.ts';
import { findType, onDemandPrice, spotAdvisor } from '../catalog/lookups.ts';
import type { Catalog } from '../catalog/types.ts';
import type { UserError } from '../errors/user-error.ts';
import { fetchOnDemandPrices } from '../pricing/fetch-on-demand-prices.ts';
import type { Offer } from '../protocol/schemas.ts';
import { latestSpotPrices } from './latest-spot-prices.ts';
import { toSpotOffer } from './to-spot-offer.ts';

export interface LoadSpotOffersOptions {
  ec2: EC2Client;
  /** The Price List client; undefined skips live on-demand prices (catalog prices are used). */
  pricing?: PricingClient;
  region: string;
  instanceTypes: string[];
  catalog: Catalog;
  /** Caches spot prices (minutes) and on-demand prices (hours) per account and region. */
  cache?: Cache;
  account: string;
  now?: Date;
}

type PriceTable = Record<string, { usdPerHour: number; asOf: string }>;

/**
 * Spot `offer` records for one region: live per-AZ spot prices, savings against the live
 * on-demand price (the catalog's when the Pricing API fails, reported as `onDemandError`), and the
 * Spot Advisor interruption bucket from the catalog.
 */
export async function loadSpotOffers(
  o: LoadSpotOffersOptions,
): Promise<{ offers: Offer[]; onDemandError?: UserError }> {
  const id = o.instanceTypes.join(',');
  const cached = <T>(
    kind: 'spotPrices' | 'onDemandPrices',
    load: () => Promise<T>,
    schema: ValueSchema<T>,
  ) =>
    o.cache
      ? o.cache
          .getOrLoad({ account: o.account, region: o.region, kind, id }, load, { schema })
          .then((r) => r.value)
      : load();
  const pricing = o.pricing;
  const [prices, live] = await Promise.all([
    cached('spotPrices', () => latestSpotPrices(o.ec2, o), spotPricesSchema),
    pricing
      ? cached(
          'onDemandPrices',
          async (): Promise<PriceTable> => {
            return Object.fromEntries(await fetchOnDemandPrices(pricing, o.region, o.instanceTypes));
          },
          priceTableSchema,
        ).catch((error: unknown) =>
          translateAwsError(error, { region: 'us-east-1', operation: 'GetProducts' }),
        )
      : undefined,
  ]);
  const liveTable = live && !(live instanceof Error) ? live : undefined;
  const offers: Offer[] = [];
  for (const price of prices) {
    const t = findType(o.catalog, price.instanceType);
    if (!t) continue;
    const od = liveTable?.[price.instanceType] ?? onDemandPrice(o.catalog, price.instanceType, o.region);
    const advisor = spotAdvisor(o.catalog, price.instanceType, o.region);
    const architecture = t.architectures.includes('x86_64') ? 'x86_64' : (t.architectures[0] ?? 'x86_64');
    offers.push(
      toSpotOffer({
        price,
        spec: {
          vcpus: t.vcpus,
          memoryMiB: t.memoryMiB,
          architecture,
          ...(t.gpus && { gpus: t.gpus }),
          supportsHibernation: t.supportsHibernation,
        },
        ...(od && { onDemandPricePerHour: od.usdPerHour }),
        ...(advisor && { advisor }),
      }),
    );
  }
  return live instanceof Error ? { offers, onDemandError: live } : { offers };
}
