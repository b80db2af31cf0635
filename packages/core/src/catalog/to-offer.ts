import type { Architecture, Offer } from '../protocol/schemas.ts';
import type { CatalogInstanceType } from './types.ts';

/** Where and at what price a type is offered; the input of {@link toOffer}. */
export interface OfferPlace {
  region: string;
  availabilityZones?: string[];
  price?: { usdPerHour: number; source: string; asOf: string };
}

/** The on-demand `offer` protocol record for a type in one region. */
export function toOffer(t: CatalogInstanceType, o: OfferPlace): Offer {
  const architecture: Architecture = t.architectures.includes('x86_64')
    ? 'x86_64'
    : (t.architectures[0] ?? 'x86_64');
  return {
    v: 1,
    type: 'offer',
    instanceType: t.instanceType,
    region: o.region,
    ...(o.availabilityZones ? { availabilityZones: o.availabilityZones } : {}),
    vcpus: t.vcpus,
    memoryMiB: t.memoryMiB,
    architecture,
    ...(t.gpus ? { gpus: t.gpus } : {}),
    market: 'on-demand',
    ...(o.price
      ? { pricePerHour: o.price.usdPerHour, priceSource: o.price.source, priceAsOf: o.price.asOf }
      : {}),
    supportsHibernation: t.supportsHibernation,
  };
}
