import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
  type InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCache } from '../cache/create-cache.ts';
import { loadLiveOfferings } from './load-live-offerings.ts';

// Shapes follow the EC2 API reference for DescribeInstanceTypes / DescribeInstanceTypeOfferings.
const m7iLarge: InstanceTypeInfo = {
  InstanceType: 'm7i.large',
  VCpuInfo: { DefaultVCpus: 2 },
  MemoryInfo: { SizeInMiB: 8192 },
  ProcessorInfo: { SupportedArchitectures: ['x86_64'], Manufacturer: 'Intel' },
  HibernationSupported: true,
  CurrentGeneration: true,
};
const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const options = (regions: string[], instanceTypes?: string[]) => ({
  cache: createCache({}),
  account: 'test',
  regions,
  ec2: async () => new EC2Client({ region: 'us-east-1' }),
  ...(instanceTypes ? { instanceTypes } : {}),
});

describe('loadLiveOfferings', () => {
  it('asks only about the named types: one narrow call per region, specs once', async () => {
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [m7iLarge] });
    ec2.on(DescribeInstanceTypeOfferingsCommand).resolves({
      InstanceTypeOfferings: [
        { InstanceType: 'm7i.large', LocationType: 'availability-zone', Location: 'us-east-1b' },
        { InstanceType: 'm7i.large', LocationType: 'availability-zone', Location: 'us-east-1a' },
      ],
    });
    const o = options(['us-east-1', 'us-west-2'], ['m7i.large']);
    const live = await loadLiveOfferings(o);
    expect(ec2.commandCalls(DescribeInstanceTypesCommand)).toHaveLength(1);
    expect(ec2.commandCalls(DescribeInstanceTypesCommand)[0]?.args[0].input).toEqual({
      InstanceTypes: ['m7i.large'],
    });
    const offeringCalls = ec2.commandCalls(DescribeInstanceTypeOfferingsCommand);
    expect(offeringCalls).toHaveLength(2);
    expect(offeringCalls[0]?.args[0].input).toMatchObject({
      LocationType: 'availability-zone',
      Filters: [{ Name: 'instance-type', Values: ['m7i.large'] }],
    });
    expect(live.offerings[0]).toEqual({
      region: 'us-east-1',
      byType: { 'm7i.large': ['us-east-1a', 'us-east-1b'] },
    });
    expect(live.types.map((t) => t.instanceType)).toEqual(['m7i.large']);

    // Same cache, same names: no call at all.
    ec2.resetHistory();
    await loadLiveOfferings(o);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('follows NextToken through every offerings page', async () => {
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [m7iLarge] });
    ec2
      .on(DescribeInstanceTypeOfferingsCommand)
      .resolvesOnce({
        InstanceTypeOfferings: [{ InstanceType: 'm7i.large', Location: 'us-east-1a' }],
        NextToken: 't1',
      })
      .resolvesOnce({ InstanceTypeOfferings: [{ InstanceType: 'm7i.large', Location: 'us-east-1c' }] });
    const live = await loadLiveOfferings(options(['us-east-1']));
    expect(live.offerings[0]?.byType['m7i.large']).toEqual(['us-east-1a', 'us-east-1c']);
  });

  it('lists everything (no filter) when there are more names than EC2 filters take', async () => {
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [m7iLarge] });
    ec2.on(DescribeInstanceTypeOfferingsCommand).resolves({
      InstanceTypeOfferings: [
        { InstanceType: 'm7i.large', Location: 'us-east-1a' },
        { InstanceType: 'z1d.large', Location: 'us-east-1a' },
      ],
    });
    const names = ['m7i.large', ...Array.from({ length: 250 }, (_, i) => `x${i}.large`)];
    const live = await loadLiveOfferings(options(['us-east-1'], names));
    expect(ec2.commandCalls(DescribeInstanceTypeOfferingsCommand)[0]?.args[0].input).not.toHaveProperty(
      'Filters',
    );
    expect(ec2.commandCalls(DescribeInstanceTypesCommand)[0]?.args[0].input).not.toHaveProperty(
      'InstanceTypes',
    );
    expect(Object.keys(live.offerings[0]?.byType ?? {})).toEqual(['m7i.large']);
  });

  it('reports a failing region and answers the rest', async () => {
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [m7iLarge] });
    ec2
      .on(DescribeInstanceTypeOfferingsCommand)
      .resolvesOnce({ InstanceTypeOfferings: [{ InstanceType: 'm7i.large', Location: 'us-east-1a' }] })
      .rejectsOnce(
        Object.assign(new Error('You are not subscribed to this service.'), { name: 'OptInRequired' }),
      );
    const live = await loadLiveOfferings({ ...options(['us-east-1', 'ap-east-1'], ['m7i.large']) });
    expect(live.offerings.map((o) => o.region)).toEqual(['us-east-1']);
    expect(live.failed[0]).toMatchObject({ region: 'ap-east-1', error: { code: 'AWS_ERROR' } });
  });
});

describe('loadLiveOfferings with patterns', () => {
  const c7g = (size: string): InstanceTypeInfo => ({
    ...m7iLarge,
    InstanceType: `c7g.${size}` as InstanceTypeInfo['InstanceType'],
    ProcessorInfo: { SupportedArchitectures: ['arm64'], Manufacturer: 'AWS' },
  });
  const offering = (type: string, az: string) => ({ InstanceType: type as never, Location: az });

  it('narrows specs with the instance-type filter and asks offerings of a glob by the names listed', async () => {
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [c7g('large'), c7g('xlarge')] });
    ec2.on(DescribeInstanceTypeOfferingsCommand).resolves({
      InstanceTypeOfferings: [offering('c7g.large', 'us-east-1a'), offering('c7g.xlarge', 'us-east-1b')],
    });
    const o = { ...options(['us-east-1', 'us-west-2']), patterns: ['c7g.*'] };
    const live = await loadLiveOfferings(o);
    expect(ec2.commandCalls(DescribeInstanceTypesCommand)[0]?.args[0].input).toMatchObject({
      Filters: [{ Name: 'instance-type', Values: ['c7g.*'] }],
    });
    expect(ec2.commandCalls(DescribeInstanceTypeOfferingsCommand)[0]?.args[0].input).toMatchObject({
      Filters: [{ Name: 'instance-type', Values: ['c7g.large', 'c7g.xlarge'] }],
    });
    expect(live.types.map((t) => t.instanceType).sort()).toEqual(['c7g.large', 'c7g.xlarge']);

    // A narrower query over the same regions: answered from the c7g.* entries, no call.
    ec2.resetHistory();
    const narrower = await loadLiveOfferings({ ...o, patterns: ['c7g.large'] });
    expect(ec2.calls()).toHaveLength(0);
    expect(narrower.described.map((t) => t.instanceType)).toEqual(['c7g.large']);
    expect(narrower.offerings[0]?.byType).toEqual({ 'c7g.large': ['us-east-1a'] });
  });

  it('a name AWS does not list is simply absent (no error), and described lists what it has', async () => {
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [] });
    ec2.on(DescribeInstanceTypeOfferingsCommand).resolves({ InstanceTypeOfferings: [] });
    const live = await loadLiveOfferings({ ...options(['us-east-1']), patterns: ['m7i.larg'] });
    expect(live).toMatchObject({ types: [], described: [], failed: [] });
  });
});

describe('loadLiveOfferings cache on disk', () => {
  it('treats a corrupt cached value as a miss: fetched again, never trusted', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'live-cache-'));
    const planted = createCache({ dir });
    const key = {
      account: 'test',
      region: 'global',
      kind: 'instanceTypes' as const,
      id: 'pattern:m7i.large',
    };
    await planted.getOrLoad(key, async () => [{ instanceType: 'm7i.large', vcpus: 'lots' }]);
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [m7iLarge] });
    ec2.on(DescribeInstanceTypeOfferingsCommand).resolves({
      InstanceTypeOfferings: [{ InstanceType: 'm7i.large', Location: 'us-east-1a' }],
    });
    const live = await loadLiveOfferings({
      ...options(['us-east-1']),
      cache: createCache({ dir }),
      patterns: ['m7i.large'],
    });
    expect(ec2.commandCalls(DescribeInstanceTypesCommand)).toHaveLength(1);
    expect(live.types[0]).toMatchObject({ instanceType: 'm7i.large', vcpus: 2 });
  });
});
