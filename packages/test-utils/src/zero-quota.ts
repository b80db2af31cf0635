/**
 * A new account's on-demand G and VT quota in us-east-1 as a protocol `quota` record (core's
 * `Quota`): 0 vCPUs, none used. What `truffle quotas` explains and spawn's GPU check refuses;
 * spread it and override a field for a variant (`{ ...ZERO_G_QUOTA, limitVcpus: 8 }`).
 */
export const ZERO_G_QUOTA = {
  v: 1,
  type: 'quota',
  region: 'us-east-1',
  bucket: 'g',
  market: 'on-demand',
  quotaCode: 'L-DB2E81BA',
  name: 'Running On-Demand G and VT instances',
  limitVcpus: 0,
  usedVcpus: 0,
  headroomVcpus: 0,
} as const;
