import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '@truffle-spawn/core';
import { loadLiveOfferings } from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { accountKey } from '../offers/account-key.ts';
import { liveAws } from '../offers/live-aws.ts';
import { chooseOfferSource } from '../offers/offer-source.ts';
import { parseRegionFlag } from '../offers/regions.ts';

/** `truffle refresh`: drop cached AWS data and reload it for the regions; `--catalog FILE` writes a live catalog. */
export async function run(ctx: CommandContext, opts: { catalog?: string }): Promise<void> {
  const request = parseRegionFlag(ctx.opts.region);
  const source = chooseOfferSource(ctx);
  if (source.mode === 'offline') {
    throw new UserError('CREDENTIALS_MISSING', `truffle refresh needs AWS access (${source.reason}).`, {
      hint: 'Run `aws configure` (or `aws sso login --profile <name>` and pass --profile), then retry.',
    });
  }
  const cache = await ctx.cache();
  await Promise.all(
    (['instanceTypes', 'offerings', 'onDemandPrices', 'regions'] as const).map((k) => cache.clear(k)),
  );
  const aws = liveAws(ctx, request.kind === 'list' ? request.regions[0] : undefined);
  const context = await aws.get();
  const regions =
    request.kind === 'list'
      ? request.regions
      : await context.resolveRegions(request.kind === 'all' ? 'all' : undefined);
  const { loadCatalog, buildLiveCatalog, encodeCatalog, spotAdvisorInputOf } = await import(
    '@truffle-spawn/core/catalog'
  );
  const embedded = await loadCatalog();
  const live = await loadLiveOfferings({
    cache,
    account: accountKey(ctx),
    regions,
    ec2: async (r) => context.ec2(r),
    fallbackTypes: embedded.types,
  });
  for (const f of live.failed) ctx.output.warn(`${f.region}: ${f.error.message} (skipped)`);
  ctx.output.success(`Refreshed instance types and offerings for ${live.offerings.length} region(s).`);
  if (opts.catalog) {
    const { fetchOnDemandPrices } = await import('@truffle-spawn/core/pricing');
    const catalog = await buildLiveCatalog({
      ec2: (r) => context.ec2(r),
      regions,
      now: ctx.io.now(),
      prices: async (region) => {
        const prices = await fetchOnDemandPrices(context.pricing(), region).catch(() => undefined);
        if (!prices || prices.size === 0) return embedded.prices[region];
        const usdPerHour = Object.fromEntries([...prices].map(([t, p]) => [t, p.usdPerHour]));
        return { source: 'AWS Price List API', asOf: ctx.io.now().toISOString().slice(0, 10), usdPerHour };
      },
      spotAdvisor: spotAdvisorInputOf(embedded),
      onRegionError: (region, error) =>
        ctx.output.warn(`${region}: ${error.message} (left out of the catalog)`),
    });
    const path = resolve(ctx.io.cwd, opts.catalog);
    await writeFile(path, encodeCatalog(catalog));
    ctx.output.success(
      `Wrote a catalog of ${catalog.types.length} types in ${Object.keys(catalog.offerings).length} regions to ${path}.`,
    );
  }
  if (ctx.opts.debug) ctx.output.info(`[aws] ${aws.calls()} API calls`);
}
