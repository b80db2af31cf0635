import { type Column, type CommandContext, noteHiddenByLimit } from '@truffle-spawn/core/cli-kit';
import type { Offer } from '@truffle-spawn/core/protocol';
import type { SpotInput } from '../command-table.ts';
import { accountKey } from '../offers/account-key.ts';
import { applyCatalogFile } from '../offers/catalog-file.ts';

const usd = (n: number | undefined) => (n === undefined ? '' : `$${n.toFixed(4)}`);
export const SPOT_COLUMNS: Column<Offer>[] = [
  { header: 'TYPE', value: (o) => o.instanceType },
  {
    header: 'AZ',
    value: (o) => o.availabilityZone ?? (o.availabilityZones ? `${o.availabilityZones.length} AZs` : ''),
  },
  { header: 'SPOT $/H', value: (o) => usd(o.pricePerHour), align: 'right' },
  { header: 'ON-DEMAND $/H', value: (o) => usd(o.onDemandPricePerHour), align: 'right', dropOrder: 3 },
  {
    header: 'SAVINGS',
    value: (o) => (o.savingsPercent === undefined ? '' : `${o.savingsPercent}%`),
    align: 'right',
    dropOrder: 4,
  },
  { header: 'INTERRUPTIONS', value: (o) => o.interruptionFrequency },
  { header: 'VCPUS', value: (o) => o.vcpus, align: 'right', dropOrder: 2 },
  { header: 'MEMORY GIB', value: (o) => o.memoryMiB / 1024, align: 'right', dropOrder: 1 },
];

/**
 * `truffle spot <query>`: the current spot price per AZ across the requested regions; `--offline`:
 * the Spot Advisor's saving and interruption bucket per region from the catalog (no price).
 */
export async function run(ctx: CommandContext, input: SpotInput): Promise<void> {
  const { query } = input;
  const spot = await import('@truffle-spawn/core/spot');
  await applyCatalogFile(ctx, input.catalog);
  if (ctx.opts.offline) {
    const { runOffline } = await import('./spot-offline.ts');
    return runOffline(ctx, input);
  }
  spot.requireLiveCredentials({
    command: 'truffle spot',
    why: 'spot prices are live data that change every few minutes',
    env: ctx.io.env,
    homedir: ctx.io.homedir,
    profile: ctx.opts.profile,
    offline: ctx.opts.offline,
  });
  const [{ loadCatalog, catalogAgeText }, { fanOut }] = await Promise.all([
    import('@truffle-spawn/core/catalog'),
    import('@truffle-spawn/core/aws'),
  ]);
  const catalog = await loadCatalog();
  const { instanceTypes, didYouMean } = spot.matchCatalogTypes(catalog, query);
  if (instanceTypes.length === 0) {
    const guess = didYouMean.length > 0 ? ` Did you mean ${didYouMean.join(', ')}?` : '';
    ctx.output.info(`No instance type matches "${query}".${guess} Explore with: truffle search ${query}`);
    return;
  }
  const [aws, cache] = await Promise.all([ctx.aws(['ec2', 'pricing'], { abortable: true }), ctx.cache()]);
  const regions = await aws.resolveRegions(ctx.opts.region);
  const account = accountKey(ctx);
  const result = await fanOut(
    regions,
    (region) =>
      spot.loadSpotOffers({
        ec2: aws.ec2(region),
        pricing: aws.pricing(),
        region,
        instanceTypes,
        catalog,
        cache,
        account,
        now: ctx.io.now(),
      }),
    { signal: ctx.signal, onProgress: (p) => ctx.progress.update(p) },
  );
  const first = result.failed[0];
  if (first && result.ok.length === 0) throw first.error;
  for (const f of result.failed) ctx.output.warn(`${f.region} skipped: ${f.error.message}`);
  const odError = result.ok.find((r) => r.value.onDemandError)?.value.onDemandError;
  if (odError) {
    ctx.output.warn(
      `On-demand prices come from the ${catalogAgeText(catalog, ctx.io.now())}: ${odError.message}`,
    );
  }
  const offers = spot.selectSpotOffers(
    result.ok.flatMap((r) => r.value.offers),
    input,
  );
  if (offers.length === 0) {
    const why = input.maxPrice === undefined ? '' : ` at or under $${input.maxPrice}/hour`;
    ctx.output.info(`No spot price for ${query}${why} in ${result.ok.map((r) => r.region).join(', ')}.`);
    return;
  }
  ctx.output.records(
    offers,
    regions.length > 1 ? [{ header: 'REGION', value: (o) => o.region }, ...SPOT_COLUMNS] : SPOT_COLUMNS,
  );
  if (input.limit !== undefined) {
    const total = spot.selectSpotOffers(
      result.ok.flatMap((r) => r.value.offers),
      { ...input, limit: undefined },
    ).length;
    noteHiddenByLimit(ctx, { shown: offers.length, total, limit: input.limit, what: 'rows' });
  }
  const advisorAsOf = catalog.spotAdvisor?.asOf;
  if (advisorAsOf && offers.some((o) => o.interruptionFrequency)) {
    ctx.output.info(`Interruption buckets: AWS Spot Advisor data as of ${advisorAsOf.slice(0, 10)}.`);
  }
}
