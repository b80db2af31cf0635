import { UserError } from '../errors/user-error.ts';
import { bucketForInstanceType } from './bucket-for-instance-type.ts';
import type { QuotaNeed } from './explain-quota.ts';
import { type Bucket, isBucket, VCPU_QUOTAS } from './vcpu-quotas.ts';

export interface QuotaQueryInput {
  family?: string;
  instanceType?: string;
  count?: number;
  /** `--request N`: needs exactly one bucket and one region. */
  request?: number;
  regions: string[];
  /** vCPUs of an instance type (the catalog's), undefined when unknown. */
  vcpusOf: (instanceType: string) => number | undefined;
}

/**
 * Turns `truffle quotas` flags into the bucket to read and the intended launch, with usage errors
 * (exit 2) for combinations that cannot be answered.
 */
export function resolveQuotaQuery(o: QuotaQueryInput): { bucket?: Bucket; need?: QuotaNeed } {
  if (o.family !== undefined && !isBucket(o.family)) {
    throw new UserError('INVALID_INPUT', `"${o.family}" is not a vCPU quota family.`, {
      hint: `Use one of: ${Object.keys(VCPU_QUOTAS).join(', ')}.`,
    });
  }
  if (o.count !== undefined && o.instanceType === undefined) {
    throw new UserError('USAGE', '--count needs --instance-type.', {
      hint: 'Example: truffle quotas --instance-type g5.xlarge --count 2',
    });
  }
  let bucket = o.family as Bucket | undefined;
  let need: QuotaNeed | undefined;
  if (o.instanceType !== undefined) {
    const own = bucketForInstanceType(o.instanceType);
    const vcpus = o.vcpusOf(o.instanceType);
    if (!own || vcpus === undefined) {
      throw new UserError('INVALID_INPUT', `truffle has no vCPU quota for "${o.instanceType}".`, {
        hint: own
          ? `Check the name with: truffle search ${o.instanceType}`
          : 'HPC, Mac and High Memory types have quotas of their own: see the Service Quotas console.',
      });
    }
    if (bucket && bucket !== own) {
      throw new UserError('USAGE', `${o.instanceType} counts against the "${own}" quota, not "${bucket}".`, {
        hint: `Drop --family or use --family ${own}.`,
      });
    }
    bucket = own;
    need = { instanceType: o.instanceType, vcpusPerInstance: vcpus, count: o.count ?? 1 };
  }
  if (o.request !== undefined && (!bucket || o.regions.length !== 1)) {
    throw new UserError('USAGE', '--request raises one quota in one region.', {
      hint: 'Name it with --family (or --instance-type) and a single --region.',
    });
  }
  return { ...(bucket && { bucket }), ...(need && { need }) };
}
