import { UserError } from '@truffle-spawn/core';
import type { CliIo, Column, CommandContext } from '@truffle-spawn/core/cli-kit';
import { type Quota, quotaSchema } from '@truffle-spawn/core/protocol';
import type { QuotasInput } from '../command-table.ts';
import { accountKey } from '../offers/account-key.ts';

const COLUMNS: Column<Quota>[] = [
  { header: 'FAMILY', value: (q) => q.bucket },
  { header: 'MARKET', value: (q) => q.market, dropOrder: 2 },
  { header: 'QUOTA', value: (q) => q.name, minWidth: 12 },
  { header: 'CODE', value: (q) => q.quotaCode, dropOrder: 1 },
  { header: 'LIMIT', value: (q) => q.limitVcpus, align: 'right' },
  { header: 'USED', value: (q) => q.usedVcpus, align: 'right' },
  { header: 'FREE', value: (q) => q.headroomVcpus, align: 'right' },
];

/** `truffle quotas`: EC2 vCPU quotas, usage and headroom; `--request N` asks AWS for more. */
export async function run(ctx: CommandContext, input: QuotasInput): Promise<void> {
  const [q, { requireLiveCredentials }, { loadCatalog, findType }, { fanOut }] = await Promise.all([
    import('@truffle-spawn/core/quotas'),
    import('@truffle-spawn/core/spot'),
    import('@truffle-spawn/core/catalog'),
    import('@truffle-spawn/core/aws'),
  ]);
  requireLiveCredentials({
    command: 'truffle quotas',
    why: "quotas and usage are your account's live data",
    env: ctx.io.env,
    homedir: ctx.io.homedir,
    profile: ctx.opts.profile,
    offline: ctx.opts.offline,
  });
  const catalog = input.instanceType ? await loadCatalog() : undefined;
  const vcpusOf = (t: string) => (catalog ? findType(catalog, t)?.vcpus : undefined);
  const [aws, cache] = await Promise.all([
    ctx.aws(['ec2', 'service-quotas'], { abortable: true }),
    ctx.cache(),
  ]);
  const regions = await aws.resolveRegions(ctx.opts.region);
  const { bucket, need } = q.resolveQuotaQuery({ ...input, regions, vcpusOf });
  const account = accountKey(ctx);
  const id = `${bucket ?? 'all'}/${input.spot ? 'spot' : 'on-demand'}`;
  const result = await fanOut(
    regions,
    async (region) => {
      const load = () =>
        q.getVcpuQuotas(aws.serviceQuotas(region), aws.ec2(region), { region, bucket, spot: input.spot });
      const schema = quotaSchema.array();
      return (await cache.getOrLoad({ account, region, kind: 'quotas', id }, load, { schema })).value;
    },
    { signal: ctx.signal, onProgress: (p) => ctx.progress.update(p) },
  );
  for (const f of result.failed) ctx.output.warn(`${f.region} skipped: ${f.error.message}`);
  const quotas = result.ok.flatMap((r) => r.value);
  ctx.output.records(quotas, COLUMNS);
  const words = bucket ? quotas.flatMap((quota) => q.explainQuota(quota, need)) : q.explainZeroQuotas(quotas);
  for (const line of words) ctx.output.info(line);
  const target = quotas[0];
  if (input.request === undefined || !target) return;

  const request = {
    region: target.region,
    quotaCode: target.quotaCode,
    desiredVcpus: input.request,
    profile: ctx.opts.profile,
  };
  if (input.request <= target.limitVcpus) {
    throw new UserError(
      'INVALID_INPUT',
      `The ${target.name} quota is already ${target.limitVcpus} vCPUs in ${target.region}.`,
      {
        hint: 'Ask for a value above the current limit.',
      },
    );
  }
  if (input.dryRun) {
    ctx.output.info(`Dry run; this would file:\n${q.quotaRequestCliCommand(request)}`);
    return;
  }
  const question = `Ask AWS to raise "${target.name}" in ${target.region} from ${target.limitVcpus} to ${input.request} vCPUs?`;
  if (!input.yes && !(await confirm(ctx.io, question))) {
    ctx.output.info('Nothing requested.');
    return;
  }
  const filed = await q.requestQuotaIncrease(aws.serviceQuotas(target.region), request);
  ctx.output.success(
    `Requested (id ${filed.requestId}, status ${filed.status}). AWS usually answers within hours to a few days; follow it in the Service Quotas console.`,
  );
}

/** y/N on a terminal; without one there is nobody to ask, so --yes is required. */
async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    throw new UserError('USAGE', '--request needs a confirmation and there is no terminal to ask on.', {
      hint: 'Pass --yes to file it anyway, or --dry-run to print the command.',
    });
  }
  const { confirm: ask } = await import('@inquirer/prompts');
  return ask({ message: question, default: false }, { input: io.stdin, output: io.stderr }).catch(
    () => false,
  );
}
