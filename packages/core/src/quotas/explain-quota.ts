import type { Quota } from '../protocol/schemas.ts';
import { isBucket, VCPU_QUOTAS } from './vcpu-quotas.ts';

/** What the user intends to run. */
export interface QuotaNeed {
  instanceType: string;
  vcpusPerInstance: number;
  count: number;
}

export interface QuotaAssessment {
  neededVcpus: number;
  headroomVcpus: number;
  fits: boolean;
  /** vCPUs missing (0 when it fits). */
  shortByVcpus: number;
  /** The quota value to ask for so the need fits next to current usage. */
  suggestedLimitVcpus: number;
}

/** Compares an intended launch with a quota's headroom. */
export function assessQuotaNeed(q: Quota, need: QuotaNeed): QuotaAssessment {
  const neededVcpus = need.vcpusPerInstance * need.count;
  const used = q.usedVcpus ?? 0;
  const headroomVcpus = q.headroomVcpus ?? q.limitVcpus - used;
  const shortByVcpus = Math.max(0, neededVcpus - headroomVcpus);
  return {
    neededVcpus,
    headroomVcpus,
    fits: shortByVcpus === 0,
    shortByVcpus,
    suggestedLimitVcpus: Math.max(q.limitVcpus, used + neededVcpus),
  };
}

/**
 * Plain-words lines for humans (stderr): a zero quota is spelled out as "you may not launch any",
 * and an intended launch is compared with the headroom, with the command that would fix it.
 */
export function explainQuota(q: Quota, need?: QuotaNeed): string[] {
  const label = isBucket(q.bucket) ? VCPU_QUOTAS[q.bucket].label : q.bucket;
  const kind = q.market === 'spot' ? `${label} spot` : label;
  const flags = `--family ${q.bucket}${q.market === 'spot' ? ' --spot' : ''} --region ${q.region}`;
  const lines: string[] = [];
  if (q.limitVcpus === 0) {
    lines.push(
      `Your account may not launch any ${kind} instances in ${q.region} yet: the quota "${q.name}" (${q.quotaCode}) is 0 vCPUs. ` +
        'New accounts start at 0 for most GPU and accelerator families; AWS raises it on request, usually within hours to a few days.',
    );
  }
  if (need) {
    const a = assessQuotaNeed(q, need);
    const what = `${need.count} × ${need.instanceType} needs ${a.neededVcpus} vCPUs`;
    lines.push(
      a.fits
        ? `${what}; ${a.headroomVcpus} of ${q.limitVcpus} vCPUs are free in ${q.region}: it fits.`
        : `${what}, but only ${Math.max(0, a.headroomVcpus)} of ${q.limitVcpus} vCPUs are free in ${q.region} (short by ${a.shortByVcpus}). ` +
            `Ask for ${a.suggestedLimitVcpus}: truffle quotas ${flags} --request ${a.suggestedLimitVcpus}`,
    );
  } else if (q.limitVcpus === 0) {
    lines.push(`Ask for an increase: truffle quotas ${flags} --request <vCPUs>`);
  }
  return lines;
}

/** One plain-words line per region listing the buckets whose quota is 0 (the overview). */
export function explainZeroQuotas(quotas: readonly Quota[]): string[] {
  const byRegion = new Map<string, Quota[]>();
  for (const q of quotas) {
    if (q.limitVcpus === 0) byRegion.set(q.region, [...(byRegion.get(q.region) ?? []), q]);
  }
  return [...byRegion].map(([region, zero]) => {
    const labels = zero.map((q) => (isBucket(q.bucket) ? VCPU_QUOTAS[q.bucket].label : q.bucket));
    const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : labels[0];
    const spot = zero[0]?.market === 'spot' ? ' spot' : '';
    const first = zero[0];
    return (
      `Your account may not launch any ${list}${spot} instances in ${region} yet: ${zero.length === 1 ? 'that quota is' : 'those quotas are'} 0 vCPUs. ` +
      'New accounts start at 0 for most GPU and accelerator families; ask for an increase with ' +
      `truffle quotas --family ${first?.bucket}${spot ? ' --spot' : ''} --region ${region} --request <vCPUs>`
    );
  });
}
