import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { Quota } from '@truffle-spawn/core/protocol';

/** What the check found: enough, too little (said, with the request command), or it could not tell. */
export type GpuQuotaOutcome = 'fits' | 'short' | 'unknown' | 'not-checked';

export interface GpuQuotaCheck {
  instanceType: string;
  vcpus: number;
  region: string;
  market: 'on-demand' | 'spot';
  /** Default {@link QUOTA_CHECK_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** A slow Service Quotas answer must not hold the wizard: after this the check is skipped with a warning. */
export const QUOTA_CHECK_TIMEOUT_MS = 10_000;

/**
 * Before a GPU or accelerator launch (`truffle quotas` logic): reads the account's vCPU quota of the
 * type's family in the region and says, in plain words, when it is 0 or too small, with the command
 * that asks AWS for more. A lookup that fails (no servicequotas permission, a timeout) only warns:
 * the quota is a hint, never a reason to stop. Other types are not checked.
 */
export async function checkGpuQuota(
  ctx: CommandContext,
  o: GpuQuotaCheck,
  readQuota: (bucket: string) => Promise<Quota | undefined> = (bucket) => readLiveQuota(ctx, o, bucket),
): Promise<GpuQuotaOutcome> {
  const { ACCELERATOR_BUCKETS, bucketForInstanceType, quotaVerdict } = await import(
    '@truffle-spawn/core/quotas'
  );
  const bucket = bucketForInstanceType(o.instanceType);
  if (!bucket || !ACCELERATOR_BUCKETS.includes(bucket)) return 'not-checked';
  const out = ctx.output;
  out.info(
    out.style(
      'dim',
      `Checking your account's ${o.market} vCPU quota for ${o.instanceType} in ${o.region}...`,
    ),
  );
  let quota: Quota | undefined;
  try {
    quota = await withTimeout(readQuota(bucket), o.timeoutMs ?? QUOTA_CHECK_TIMEOUT_MS);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const why = error instanceof Error ? error.message : String(error);
    out.warn(
      `Could not check the quota (${why}); going on. If the launch fails with a quota error, see: ` +
        `truffle quotas --instance-type ${o.instanceType} --region ${o.region}${o.market === 'spot' ? ' --spot' : ''}`,
    );
    return 'unknown';
  }
  if (!quota) return 'unknown';
  const verdict = quotaVerdict(quota, { instanceType: o.instanceType, vcpusPerInstance: o.vcpus, count: 1 });
  if (verdict.kind === 'fits') {
    for (const line of verdict.lines) out.info(out.style('dim', line));
    return 'fits';
  }
  for (const line of verdict.lines) out.warn(line);
  if (verdict.request) {
    out.info(`Ask for ${verdict.request.vcpus} vCPUs: ${verdict.request.truffle}`);
    out.info(out.style('dim', `  (or with the AWS CLI: ${verdict.request.awsCli})`));
  }
  return 'short';
}

async function readLiveQuota(
  ctx: CommandContext,
  o: GpuQuotaCheck,
  bucket: string,
): Promise<Quota | undefined> {
  const [{ getVcpuQuotas, isBucket }, aws] = await Promise.all([
    import('@truffle-spawn/core/quotas'),
    ctx.aws(['ec2', 'service-quotas'], { abortable: true }),
  ]);
  if (!isBucket(bucket)) return undefined;
  const [quota] = await getVcpuQuotas(aws.serviceQuotas(o.region), aws.ec2(o.region), {
    region: o.region,
    bucket,
    spot: o.market === 'spot',
  });
  return quota;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Service Quotas within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
