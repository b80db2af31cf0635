import { UserError } from '@truffle-spawn/core';
import type { Column, CommandContext } from '@truffle-spawn/core/cli-kit';
import type { Capacity } from '@truffle-spawn/core/protocol';
import type { CapacityInput } from '../command-table.ts';
import { accountKey } from '../offers/account-key.ts';

const COLUMNS: Column<Capacity>[] = [
  { header: 'KIND', value: (c) => (c.kind === 'odcr' ? 'reservation' : 'capacity block'), minWidth: 6 },
  { header: 'TYPE', value: (c) => c.instanceType },
  { header: 'AZ', value: (c) => c.availabilityZone },
  { header: 'ID', value: (c) => c.reservationId ?? c.offeringId },
  {
    header: 'FREE/TOTAL',
    value: (c) => (c.kind === 'odcr' ? `${c.availableCount}/${c.totalCount}` : `${c.totalCount}`),
  },
  { header: 'STATE', value: (c) => c.state },
  { header: 'START', value: (c) => c.startDate?.slice(0, 16), dropOrder: 2 },
  { header: 'END', value: (c) => c.endDate?.slice(0, 16), dropOrder: 3 },
  {
    header: 'UPFRONT',
    value: (c) => (c.upfrontFee === undefined ? '' : `${c.upfrontFee} ${c.currency ?? ''}`.trim()),
    dropOrder: 1,
  },
];

/** `truffle capacity`: capacity reservations and purchasable Capacity Blocks per region. */
export async function run(ctx: CommandContext, input: CapacityInput): Promise<void> {
  const [{ requireLiveCredentials, matchCatalogTypes }, { findCapacity }, { loadCatalog }, { fanOut }] =
    await Promise.all([
      import('@truffle-spawn/core/spot'),
      import('@truffle-spawn/core/capacity'),
      import('@truffle-spawn/core/catalog'),
      import('@truffle-spawn/core/aws'),
    ]);
  const durationHours = input.duration ?? 24;
  if (durationHours % 24 !== 0) {
    throw new UserError('INVALID_INPUT', `--duration ${durationHours} is not a whole number of days.`, {
      hint: 'Capacity Blocks are sold in 24-hour steps: use 24, 48, 72 ...',
    });
  }
  const start = parseDate('--start', input.start);
  const end = parseDate('--end', input.end);
  requireLiveCredentials({
    command: 'truffle capacity',
    why: 'reservations and Capacity Block offerings are live account data',
    env: ctx.io.env,
    homedir: ctx.io.homedir,
    profile: ctx.opts.profile,
    offline: ctx.opts.offline,
  });
  const catalog = await loadCatalog();
  const matched = input.instanceTypes ? matchCatalogTypes(catalog, input.instanceTypes) : undefined;
  const instanceTypes = matched?.instanceTypes;
  if (matched && instanceTypes?.length === 0) {
    const guess = matched.didYouMean.length > 0 ? `Did you mean ${matched.didYouMean.join(', ')}? ` : '';
    throw new UserError(
      'INVALID_INPUT',
      `No instance type matches --instance-types ${input.instanceTypes}.`,
      {
        hint: `${guess}Find exact names with: truffle search ${input.instanceTypes}`,
      },
    );
  }
  const [aws, cache] = await Promise.all([ctx.aws(['ec2'], { abortable: true }), ctx.cache()]);
  const regions = await aws.resolveRegions(ctx.opts.region);
  const account = accountKey(ctx);
  // Every region failing throws (exit code of the cause); some failing are one warning each.
  const result = await fanOut(
    regions,
    (region) =>
      findCapacity({
        ec2: aws.ec2(region),
        region,
        catalog,
        instanceTypes,
        gpuOnly: input.gpuOnly,
        availableOnly: input.availableOnly,
        count: input.count ?? 1,
        durationHours,
        start,
        end,
        cache,
        account,
      }),
    { signal: ctx.signal, onProgress: (p) => ctx.progress.update(p) },
  );
  for (const f of result.failed) ctx.output.warn(`${f.region} skipped: ${f.error.message}`);
  const records = result.ok.flatMap((r) => r.value.records);
  if (!instanceTypes) {
    const asked = new Set(result.ok.flatMap((r) => r.value.blockTypes)).size;
    ctx.output.info(
      `Capacity Blocks: asked about ${asked} accelerated types (largest size per family); choose others with --instance-types.`,
    );
  }
  if (records.length === 0) {
    ctx.output.info(
      `No capacity reservations or Capacity Block offerings found in ${result.ok.map((r) => r.region).join(', ')}.`,
    );
    return;
  }
  ctx.output.records(
    records,
    regions.length > 1 ? [{ header: 'REGION', value: (c) => c.region }, ...COLUMNS] : COLUMNS,
  );
}

function parseDate(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new UserError('INVALID_INPUT', `${flag} "${value}" is not a date.`, {
      hint: 'Use an ISO date such as 2026-09-01 or 2026-09-01T08:00Z.',
    });
  }
  return date;
}
