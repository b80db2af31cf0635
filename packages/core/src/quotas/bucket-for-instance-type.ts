import { BUCKETS, type Bucket, VCPU_QUOTAS } from './vcpu-quotas.ts';

// Prefixes that share a first letter with another bucket ("dl" vs d, "inf" vs i) or that no vCPU
// bucket here covers (HPC, Mac and High Memory "u-" have quotas of their own).
const NOT_IN_A_BUCKET = ['hpc', 'mac', 'u'];

/**
 * The vCPU quota bucket an instance type counts against: `g5.xlarge` → g, `inf2.xlarge` → inf,
 * `dl1.24xlarge` → dl, `im4gn.large` → standard. Undefined for types outside these buckets
 * (hpc*, mac*, u-*) or malformed names.
 */
export function bucketForInstanceType(instanceType: string): Bucket | undefined {
  const prefix = /^([a-z]+)/.exec(instanceType.trim().toLowerCase())?.[1];
  if (!prefix || NOT_IN_A_BUCKET.includes(prefix)) return undefined;
  const exact = BUCKETS.find((b) => (VCPU_QUOTAS[b].families as readonly string[]).includes(prefix));
  if (exact) return exact;
  // Multi-letter variants of a letter family: im4gn, is4gen (I), gr6 (G), r7iz is already "r".
  const byLetter = BUCKETS.find((b) =>
    VCPU_QUOTAS[b].families.some((f) => f.length === 1 && f === prefix[0]),
  );
  return byLetter;
}
