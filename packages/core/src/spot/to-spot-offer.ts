import type { Offer } from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import type { SpotPrice } from './latest-spot-prices.ts';

/** The instance facts an offer needs, as the catalog or DescribeInstanceTypes gives them. */
export type OfferSpec = Pick<Offer, 'vcpus' | 'memoryMiB' | 'architecture' | 'gpus' | 'supportsHibernation'>;

export interface SpotOfferInput {
  price: SpotPrice;
  spec: OfferSpec;
  /** On-demand USD/hour for the same type and region, when known. */
  onDemandPricePerHour?: number;
  /** Spot Advisor facts for the type and region, when known. */
  advisor?: { savingsPercent?: number; interruptionFrequency?: string };
}

/**
 * An `offer` record for one spot price in one AZ, ready for spawn. Savings are computed from the
 * two live prices when both exist; otherwise the Spot Advisor's average saving is used.
 */
export function toSpotOffer(o: SpotOfferInput): Offer {
  const { price, spec } = o;
  const od = o.onDemandPricePerHour;
  const savingsPercent =
    od !== undefined && od > 0 ? Math.round((1 - price.usdPerHour / od) * 100) : o.advisor?.savingsPercent;
  return {
    v: PROTOCOL_VERSION,
    type: 'offer',
    instanceType: price.instanceType,
    region: price.region,
    availabilityZone: price.availabilityZone,
    ...spec,
    market: 'spot',
    pricePerHour: price.usdPerHour,
    priceSource: 'spot-price-history',
    priceAsOf: price.timestamp,
    ...(od !== undefined && { onDemandPricePerHour: od }),
    ...(savingsPercent !== undefined && { savingsPercent }),
    ...(o.advisor?.interruptionFrequency !== undefined && {
      interruptionFrequency: o.advisor.interruptionFrequency,
    }),
  };
}
