import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AwsContext } from '@truffle-spawn/core/aws';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/**
 * Builds a catalog from live AWS for `regions` and writes it (gzip) to `file`. Prices come from the
 * Price List API; a region it cannot price keeps the embedded catalog's price (with that source and
 * date) or none. Spot Advisor figures have no API and are carried over with their date.
 */
export async function writeLiveCatalog(
  ctx: CommandContext,
  aws: AwsContext,
  regions: string[],
  file: string,
): Promise<void> {
  const [
    { loadCatalog, buildLiveCatalog, encodeCatalog, spotAdvisorInputOf },
    { fetchOnDemandPrices, withThrottlingRetry },
  ] = await Promise.all([import('@truffle-spawn/core/catalog'), import('@truffle-spawn/core/pricing')]);
  const embedded = await loadCatalog();
  const today = ctx.io.now().toISOString().slice(0, 10);
  const catalog = await buildLiveCatalog({
    ec2: (region) => aws.ec2(region),
    regions,
    now: ctx.io.now(),
    prices: async (region) => {
      // One region's whole price list (a few pages); throttling is retried, a failure keeps the
      // starting catalog's price for the region (with its own source and date) or none.
      const prices = await withThrottlingRetry(() =>
        fetchOnDemandPrices(aws.pricing(), region, undefined, ctx.signal),
      ).catch((error: unknown) => {
        ctx.output.warn(`${region}: no live prices (${(error as Error).message.split('\n')[0]})`);
        return undefined;
      });
      if (!prices || prices.size === 0) return embedded.prices[region];
      const usdPerHour = Object.fromEntries([...prices].map(([t, p]) => [t, p.usdPerHour]));
      return { source: 'AWS Price List API', asOf: today, usdPerHour };
    },
    spotAdvisor: spotAdvisorInputOf(embedded),
    onRegionError: (region, error) =>
      ctx.output.warn(`${region}: ${error.message.split('\n')[0]} (left out)`),
  });
  const path = resolve(ctx.io.cwd, file);
  await writeFile(path, encodeCatalog(catalog));
  const regionCount = Object.keys(catalog.offerings).length;
  const priced = Object.keys(catalog.prices).length;
  ctx.output.success(
    `Wrote a catalog of ${catalog.types.length} types in ${regionCount} region(s), priced in ${priced}, to ${path}. Read it with --catalog ${file} or TRUFFLE_CATALOG=${path}.`,
  );
}
