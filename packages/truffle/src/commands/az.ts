import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { searchInstanceTypes } from '@truffle-spawn/core/search';
import type { AzInput } from '../command-table.ts';
import { buildOffers } from '../offers/build-offers.ts';
import { loadOfferData } from '../offers/load-offer-data.ts';
import { OFFER_COLUMNS } from '../offers/offer-columns.ts';
import { reportEmpty } from '../offers/report-empty.ts';

/** `truffle az <query>`: per (type, region) where it is offered, most availability zones first. */
export async function run(ctx: CommandContext, input: AzInput): Promise<void> {
  const { query } = input;
  const minAzs = input.minAzCount ?? 1;
  const data = await loadOfferData(ctx, (types) => searchInstanceTypes(types, query).map((r) => r.type), {
    query,
    catalog: input.catalog,
  });
  const types = data.types;
  const azCount = (o: { availabilityZones?: string[] }) => o.availabilityZones?.length ?? 0;
  const offers = buildOffers(data, types)
    .filter((o) => azCount(o) >= minAzs)
    .sort(
      (a, b) =>
        azCount(b) - azCount(a) ||
        a.instanceType.localeCompare(b.instanceType) ||
        a.region.localeCompare(b.region),
    );
  if (offers.length === 0) {
    reportEmpty(
      ctx,
      data,
      query,
      minAzs > 1 ? `in at least ${minAzs} availability zones of one region` : undefined,
    );
  } else {
    await data.loadPrices([...new Set(offers.map((o) => o.instanceType))]);
    const priced = offers.map((o) => {
      const p = data.price(o.instanceType, o.region);
      return p ? { ...o, pricePerHour: p.usdPerHour, priceSource: p.source, priceAsOf: p.asOf } : o;
    });
    ctx.output.records(priced, OFFER_COLUMNS);
  }
  if (ctx.opts.debug) ctx.output.info(`[aws] ${data.apiCalls()} API calls`);
}
