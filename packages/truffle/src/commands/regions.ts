import type { Column, CommandContext } from '@truffle-spawn/core/cli-kit';
import type { RegionRecord } from '@truffle-spawn/core/regions';
import type { RegionsInput } from '../command-table.ts';
import { applyCatalogFile } from '../offers/catalog-file.ts';
import { chooseOfferSource } from '../offers/offer-source.ts';

const OPT_IN_WORDS = {
  'opt-in-not-required': 'not required',
  'opted-in': 'opted in',
  'not-opted-in': 'not opted in',
};
const COLUMNS: Column<RegionRecord>[] = [
  { header: 'REGION', value: (r) => r.region },
  { header: 'NAME', value: (r) => r.name ?? '', minWidth: 10 },
  {
    header: 'OPT-IN',
    value: (r) =>
      r.optInStatus ? OPT_IN_WORDS[r.optInStatus] : r.optInRequired ? 'required' : 'not required',
  },
];

/**
 * `truffle regions`: the regions the account has enabled, with names and opt-in status (DescribeRegions);
 * `--all` adds the opt-in regions not enabled. Offline (or without credentials): the catalog's
 * regions, and whether each needs opting in, since the account's own status needs AWS.
 */
export async function run(ctx: CommandContext, input: RegionsInput): Promise<void> {
  const regions = await import('@truffle-spawn/core/regions');
  const source = await chooseOfferSource(ctx);
  let records: RegionRecord[];
  if (source.mode === 'offline') {
    await applyCatalogFile(ctx);
    const { loadCatalog, catalogAgeText, catalogFileInUse } = await import('@truffle-spawn/core/catalog');
    const catalog = await loadCatalog();
    const file = catalogFileInUse();
    ctx.output.info(
      `Offline (${source.reason}): the regions of the ${catalogAgeText(catalog, ctx.io.now())}${file ? ` read from ${file}` : ''}; whether your account enabled an opt-in region needs AWS.`,
    );
    records = regions.regionsFromCodes(Object.keys(catalog.offerings));
  } else {
    const aws = await ctx.aws(['ec2'], { abortable: true });
    const all = await regions.describeAllRegions(aws.ec2());
    records = input.all ? all : all.filter(regions.isEnabled);
    const hidden = all.length - records.length;
    if (hidden > 0)
      ctx.output.info(`${hidden} opt-in region(s) not enabled for this account; --all lists them.`);
  }
  ctx.output.records(records, COLUMNS);
}
