import { ZERO_G_QUOTA } from '@truffle-spawn/test-utils/zero-quota';
import { describe, expect, it } from 'vitest';
import type { Quota } from '../protocol/schemas.ts';
import { quotaVerdict } from './quota-verdict.ts';

const quota = (over: Partial<Quota>): Quota => ({ ...ZERO_G_QUOTA, ...over });
const g5 = { instanceType: 'g5.xlarge', vcpusPerInstance: 4, count: 1 };

describe('quotaVerdict (the wizard’s GPU quota check, issue 15)', () => {
  it('a zero quota says in plain words that the account may not run any, and how to ask', () => {
    const v = quotaVerdict(quota({}), g5);
    expect(v.kind).toBe('zero');
    expect(v.lines[0]).toBe(
      'Your AWS account may not run any G and VT instances in us-east-1 yet: its quota "Running On-Demand G and VT instances" is 0 vCPUs, and g5.xlarge needs 4 vCPUs. New accounts start at 0 for most GPU and accelerator families.',
    );
    expect(v.request).toEqual({
      vcpus: 4,
      truffle: 'truffle quotas --family g --region us-east-1 --request 4',
      awsCli:
        'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-DB2E81BA --desired-value 4 --region us-east-1',
    });
  });

  it('a quota too small for this type (others running) is short, and asks for usage + need', () => {
    const v = quotaVerdict(quota({ limitVcpus: 8, usedVcpus: 4, headroomVcpus: 4 }), {
      ...g5,
      instanceType: 'g5.2xlarge',
      vcpusPerInstance: 8,
    });
    expect(v.kind).toBe('short');
    expect(v.lines[0]).toContain('g5.2xlarge needs 8 vCPUs, but only 4 of your 8 G and VT vCPUs are free');
    expect(v.request?.vcpus).toBe(12);
  });

  it('a spot quota names the spot family and the --spot flag', () => {
    const v = quotaVerdict(
      quota({ market: 'spot', quotaCode: 'L-3819A6DF', name: 'All G and VT Spot Instance Requests' }),
      g5,
    );
    expect(v.lines[0]).toContain('any G and VT spot instances');
    expect(v.request?.truffle).toBe('truffle quotas --family g --spot --region us-east-1 --request 4');
  });

  it('exactly enough fits, with nothing to request', () => {
    const v = quotaVerdict(quota({ limitVcpus: 4, headroomVcpus: 4 }), g5);
    expect(v).toEqual({
      kind: 'fits',
      lines: ['g5.xlarge needs 4 vCPUs; 4 of your 4 G and VT vCPUs are free in us-east-1.'],
    });
  });
});
