import { UserError } from '@truffle-spawn/core';
import { loadCatalog, loadLiveOfferings, loadLiveTypes } from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { RefreshInput } from '../command-table.ts';
import { accountKey } from '../offers/account-key.ts';
import { applyCatalogFile } from '../offers/catalog-file.ts';
import { chooseOfferSource } from '../offers/offer-source.ts';
import { parseRegionFlag } from '../offers/regions.ts';
import { truffleAws } from '../offers/truffle-aws.ts';

/**
 * `truffle refresh`: drop cached AWS data and reload every type and offering (so any later query is
 * warm); `--catalog FILE` writes a live catalog instead, which `--catalog FILE` / TRUFFLE_CATALOG read.
 */
export async function run(ctx: CommandContext, input: RefreshInput): Promise<void> {
  const request = await parseRegionFlag(ctx.opts.region);
  const source = await chooseOfferSource(ctx);
  if (source.mode === 'offline') {
    throw new UserError('CREDENTIALS_MISSING', `truffle refresh needs AWS access (${source.reason}).`, {
      hint: 'Run `aws configure` (or `aws sso login --profile <name>` and pass --profile), then retry.',
    });
  }
  // Here --catalog names the file to write; TRUFFLE_CATALOG still picks the catalog to start from.
  await applyCatalogFile(ctx);
  const cache = await ctx.cache();
  const kinds = ['instanceTypes', 'offerings', 'onDemandPrices', 'regions'] as const;
  await Promise.all(kinds.map((k) => cache.clear(k)));
  const aws = truffleAws(ctx);
  const context = await aws.get();
  const regions =
    request.kind === 'list'
      ? request.regions
      : await context.resolveRegions(request.kind === 'all' ? 'all' : undefined);
  if (input.catalog) {
    const { writeLiveCatalog } = await import('../offers/write-live-catalog.ts');
    await writeLiveCatalog(ctx, context, regions, input.catalog);
  } else {
    const common = {
      cache,
      account: accountKey(ctx),
      regions,
      ec2: async (region: string) => context.ec2(region),
      signal: ctx.signal,
      onProgress: (p: { done: number; total: number }) => ctx.progress.update(p),
    };
    // The `*` scope: every later name, glob or word query is answered from it without a call.
    const [, live] = await Promise.all([
      loadLiveTypes({ ...common, region: regions[0] ?? context.defaultRegion }),
      loadLiveOfferings({ ...common, patterns: ['*'], fallbackTypes: (await loadCatalog()).types }),
    ]);
    for (const f of live.failed) ctx.output.warn(`${f.region}: ${f.error.message.split('\n')[0]} (skipped)`);
    ctx.output.success(`Refreshed instance types and offerings for ${live.offerings.length} region(s).`);
  }
  if (ctx.opts.debug) ctx.output.info(`[aws] ${aws.calls()} API calls`);
}
