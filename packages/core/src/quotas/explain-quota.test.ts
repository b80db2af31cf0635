import { ZERO_G_QUOTA } from '@truffle-spawn/test-utils/zero-quota';
import { describe, expect, it } from 'vitest';
import type { Quota } from '../protocol/schemas.ts';
import { bucketForInstanceType } from './bucket-for-instance-type.ts';
import { assessQuotaNeed, explainQuota, explainZeroQuotas } from './explain-quota.ts';
import { resolveQuotaQuery } from './resolve-quota-query.ts';

describe('bucketForInstanceType', () => {
  it.each([
    ['m7i.large', 'standard'],
    ['c7g.xlarge', 'standard'],
    ['t4g.nano', 'standard'],
    ['im4gn.large', 'standard'],
    ['is4gen.medium', 'standard'],
    ['r7iz.large', 'standard'],
    ['z1d.large', 'standard'],
    ['d3en.xlarge', 'standard'],
    ['g5.xlarge', 'g'],
    ['g6e.12xlarge', 'g'],
    ['gr6.4xlarge', 'g'],
    ['vt1.3xlarge', 'g'],
    ['p5.48xlarge', 'p'],
    ['p6-b200.48xlarge', 'p'],
    ['inf2.xlarge', 'inf'],
    ['trn2.48xlarge', 'trn'],
    ['dl1.24xlarge', 'dl'],
    ['f2.12xlarge', 'f'],
    ['x2idn.16xlarge', 'x'],
    ['hpc7g.16xlarge', undefined],
    ['mac2.metal', undefined],
    ['u-6tb1.metal', undefined],
    ['', undefined],
  ])('%s → %s', (type, bucket) => {
    expect(bucketForInstanceType(type)).toBe(bucket);
  });
});

const g: Quota = ZERO_G_QUOTA;

describe('explainQuota', () => {
  it('spells out a zero quota in plain words with the fix', () => {
    expect(explainQuota(g).join('\n')).toMatchInlineSnapshot(`
      "Your account may not launch any G and VT instances in us-east-1 yet: the quota "Running On-Demand G and VT instances" (L-DB2E81BA) is 0 vCPUs. New accounts start at 0 for most GPU and accelerator families; AWS raises it on request, usually within hours to a few days.
      Ask for an increase: truffle quotas --family g --region us-east-1 --request <vCPUs>"
    `);
  });

  it('compares an intended launch with the headroom', () => {
    const need = { instanceType: 'g5.xlarge', vcpusPerInstance: 4, count: 2 };
    expect(assessQuotaNeed({ ...g, limitVcpus: 8, usedVcpus: 4, headroomVcpus: 4 }, need)).toEqual({
      neededVcpus: 8,
      headroomVcpus: 4,
      fits: false,
      shortByVcpus: 4,
      suggestedLimitVcpus: 12,
    });
    expect(explainQuota({ ...g, limitVcpus: 8, usedVcpus: 4, headroomVcpus: 4 }, need)).toEqual([
      '2 × g5.xlarge needs 8 vCPUs, but only 4 of 8 vCPUs are free in us-east-1 (short by 4). Ask for 12: truffle quotas --family g --region us-east-1 --request 12',
    ]);
    expect(explainQuota({ ...g, limitVcpus: 64, headroomVcpus: 64 }, need)[0]).toContain('it fits');
  });

  it('summarises zero buckets per region in the overview', () => {
    const p = { ...g, bucket: 'p', quotaCode: 'L-417A185B', name: 'Running On-Demand P instances' };
    expect(explainZeroQuotas([g, p, { ...g, bucket: 'standard', limitVcpus: 32 }])).toEqual([
      'Your account may not launch any G and VT or P instances in us-east-1 yet: those quotas are 0 vCPUs. New accounts start at 0 for most GPU and accelerator families; ask for an increase with truffle quotas --family g --region us-east-1 --request <vCPUs>',
    ]);
  });
});

describe('resolveQuotaQuery', () => {
  const vcpusOf = (t: string) => ({ 'g5.xlarge': 4, 'hpc7g.16xlarge': 64 })[t];
  it('derives the bucket and need from --instance-type/--count', () => {
    expect(
      resolveQuotaQuery({ instanceType: 'g5.xlarge', count: 3, regions: ['us-east-1'], vcpusOf }),
    ).toEqual({
      bucket: 'g',
      need: { instanceType: 'g5.xlarge', vcpusPerInstance: 4, count: 3 },
    });
  });
  it.each([
    [{ family: 'q' }, 'is not a vCPU quota family'],
    [{ count: 2 }, '--count needs --instance-type'],
    [{ family: 'p', instanceType: 'g5.xlarge' }, 'counts against the "g" quota'],
    [{ instanceType: 'hpc7g.16xlarge' }, 'no vCPU quota'],
    [{ request: 8 }, '--request raises one quota in one region'],
  ])('%o is a usage error', (flags, message) => {
    expect(() => resolveQuotaQuery({ ...flags, regions: ['us-east-1'], vcpusOf })).toThrow(message);
  });
});
