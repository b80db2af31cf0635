import type { Quota } from '../protocol/schemas.ts';
import { assessQuotaNeed, type QuotaNeed } from './explain-quota.ts';
import { quotaRequestCliCommand } from './request-quota-increase.ts';
import { type Bucket, isBucket, VCPU_QUOTAS } from './vcpu-quotas.ts';

/** The vCPU buckets of GPU and accelerator families: new accounts usually start them at 0. */
export const ACCELERATOR_BUCKETS: readonly Bucket[] = ['g', 'p', 'inf', 'trn', 'dl', 'f'];

export interface QuotaVerdict {
  /** `zero`: the account may run none of the family; `short`: not enough free vCPUs for this launch. */
  kind: 'fits' | 'zero' | 'short';
  /** Plain words for a beginner, one sentence a line. */
  lines: string[];
  /** How to ask AWS for enough (absent when it fits): the vCPUs, truffle's command and the AWS CLI's. */
  request?: { vcpus: number; truffle: string; awsCli: string };
}

/**
 * Whether one launch fits in a vCPU quota, in plain words, with the commands that ask AWS for
 * enough (the new total, not the increment: what Service Quotas takes).
 */
export function quotaVerdict(q: Quota, need: QuotaNeed): QuotaVerdict {
  const a = assessQuotaNeed(q, need);
  const label = isBucket(q.bucket) ? VCPU_QUOTAS[q.bucket].label : q.bucket;
  const family = `${label}${q.market === 'spot' ? ' spot' : ''}`;
  const needs = `${need.instanceType} needs ${a.neededVcpus} vCPUs`;
  if (a.fits) {
    return {
      kind: 'fits',
      lines: [
        `${needs}; ${a.headroomVcpus} of your ${q.limitVcpus} ${family} vCPUs are free in ${q.region}.`,
      ],
    };
  }
  const kind = q.limitVcpus === 0 ? 'zero' : 'short';
  const first =
    kind === 'zero'
      ? `Your AWS account may not run any ${family} instances in ${q.region} yet: its quota "${q.name}" is 0 vCPUs, and ${needs}. ` +
        'New accounts start at 0 for most GPU and accelerator families.'
      : `${needs}, but only ${Math.max(0, a.headroomVcpus)} of your ${q.limitVcpus} ${family} vCPUs are free in ${q.region} (quota "${q.name}").`;
  const vcpus = a.suggestedLimitVcpus;
  const spot = q.market === 'spot' ? ' --spot' : '';
  return {
    kind,
    lines: [
      first,
      'A launch now would fail. AWS raises the quota on request, usually within hours to a few days.',
    ],
    request: {
      vcpus,
      truffle: `truffle quotas --family ${q.bucket}${spot} --region ${q.region} --request ${vcpus}`,
      awsCli: quotaRequestCliCommand({ region: q.region, quotaCode: q.quotaCode, desiredVcpus: vcpus }),
    },
  };
}
