import { describe, expect, it } from 'vitest';
import { TEST_SPEC, testPlan } from './_test-step-context.ts';
import {
  buildRunInstancesInput,
  type RunInstancesParts,
  rootVolumeGiB,
} from './build-run-instances-input.ts';
import type { ImageChoice } from './plan.ts';
import { planRootDisk } from './root-disk.ts';
import type { LaunchSpec, TypeFacts } from './types.ts';

const spec: LaunchSpec = { ...TEST_SPEC, instanceType: 'g6.xlarge' };
const type: TypeFacts = {
  architecture: 'x86_64',
  memoryMiB: 16384,
  vcpus: 4,
  hasGpu: true,
  hibernationSupported: true,
};
type Root = Pick<ImageChoice, 'rootSnapshotGiB' | 'rootVolumeType'>;

const parts = (over: Partial<LaunchSpec>, root?: Root): RunInstancesParts => ({
  spec: { ...spec, ...over },
  type,
  imageId: 'ami-dl',
  rootDeviceName: '/dev/xvda',
  ...(root ? { root } : {}),
  keyName: 'spawn-key',
  subnetId: 'subnet-1',
  securityGroupIds: ['sg-1'],
  instanceProfileName: 'spawnd-agent',
  userData: '#!/bin/sh\n',
  clientToken: 't',
  tags: [],
});

describe('root volume from the image', () => {
  it.each<[string, Partial<LaunchSpec>, Root | undefined, number]>([
    ['8 GiB image, no --disk: the 20 GiB default stays', {}, { rootSnapshotGiB: 8 }, 20],
    ['image size unknown: 20 GiB as before', {}, undefined, 20],
    ['75 GiB Deep Learning AMI, no --disk: 75 GiB', {}, { rootSnapshotGiB: 75 }, 75],
    ['75 GiB image, --disk 200: 200 GiB', { diskGiB: 200 }, { rootSnapshotGiB: 75 }, 200],
    ['75 GiB image, hibernating 16 GiB RAM: still 75', { hibernate: true }, { rootSnapshotGiB: 75 }, 75],
    ['8 GiB image, hibernating 16 GiB RAM: RAM + OS', { hibernate: true }, { rootSnapshotGiB: 8 }, 24],
  ])('%s', (_, over, root, gib) => {
    expect(rootVolumeGiB({ ...spec, ...over }, type, root)).toBe(gib);
    const [mapping] = buildRunInstancesInput(parts(over, root)).BlockDeviceMappings ?? [];
    expect(mapping?.Ebs?.VolumeSize).toBe(gib);
  });

  it("keeps the image's volume type; gp3 when it has none", () => {
    const type = (root?: Root) =>
      buildRunInstancesInput(parts({}, root)).BlockDeviceMappings?.[0]?.Ebs?.VolumeType;
    expect(type({ rootSnapshotGiB: 75, rootVolumeType: 'gp2' })).toBe('gp2');
    expect(type({ rootSnapshotGiB: 75, rootVolumeType: 'gp3' })).toBe('gp3');
    expect(type()).toBe('gp3');
  });
});

describe('planRootDisk', () => {
  const plan = (image: Partial<ImageChoice>, over: Partial<LaunchSpec> = {}) =>
    testPlan({
      spec: { ...TEST_SPEC, ...over },
      image: { imageId: 'ami-dl', source: 'x', rootDeviceName: '/dev/xvda', ...image },
      diskPrice: { usdPerGbMonth: 0.0952, source: 'the AWS Price List API (as of 2026-07-01)' },
    });

  it('a 75 GiB gp3 image: its size, the live gp3 price, and that the image set the size', () => {
    expect(planRootDisk(plan({ rootSnapshotGiB: 75, rootVolumeType: 'gp3' }))).toEqual({
      sizeGiB: 75,
      volumeType: 'gp3',
      usdPerGbMonth: 0.0952,
      priceSource: 'the AWS Price List API (as of 2026-07-01)',
      imageSetSizeGiB: 75,
    });
  });

  it('--disk above the image sets the size itself', () => {
    expect(planRootDisk(plan({ rootSnapshotGiB: 75 }, { diskGiB: 100 }))).not.toHaveProperty(
      'imageSetSizeGiB',
    );
  });

  it('a gp2 image is priced at the gp2 list price, not the gp3 one', () => {
    expect(planRootDisk(plan({ rootSnapshotGiB: 30, rootVolumeType: 'gp2' }))).toMatchObject({
      sizeGiB: 30,
      volumeType: 'gp2',
      usdPerGbMonth: 0.1,
      priceSource: expect.stringContaining('EBS list price'),
    });
  });
});
