export { bucketForInstanceType } from './bucket-for-instance-type.ts';
export { type CountQuotaCheck, checkCountQuota } from './check-count-quota.ts';
export {
  assessQuotaNeed,
  explainQuota,
  explainZeroQuotas,
  type QuotaAssessment,
  type QuotaNeed,
} from './explain-quota.ts';
export { type GetVcpuQuotasOptions, getVcpuQuotas } from './get-vcpu-quotas.ts';
export { ACCELERATOR_BUCKETS, type QuotaVerdict, quotaVerdict } from './quota-verdict.ts';
export {
  type QuotaIncreaseRequest,
  quotaRequestCliCommand,
  requestQuotaIncrease,
} from './request-quota-increase.ts';
export { type QuotaQueryInput, resolveQuotaQuery } from './resolve-quota-query.ts';
export { BUCKETS, type Bucket, isBucket, VCPU_QUOTAS } from './vcpu-quotas.ts';
