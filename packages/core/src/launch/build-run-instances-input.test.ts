import { describe, expect, it } from 'vitest';
import { TEST_SPEC } from './_test-step-context.ts';
import {
  buildRunInstancesInput,
  type RunInstancesParts,
  rootVolumeGiB,
  shutdownBehavior,
} from './build-run-instances-input.ts';
import type { LaunchSpec, TypeFacts } from './types.ts';

const spec: LaunchSpec = { ...TEST_SPEC, instanceType: 'm7i.large' };
const type: TypeFacts = {
  architecture: 'x86_64',
  memoryMiB: 8192,
  vcpus: 2,
  hasGpu: false,
  hibernationSupported: true,
};
const parts = (over: Partial<LaunchSpec> = {}, t: Partial<TypeFacts> = {}): RunInstancesParts => ({
  spec: { ...spec, ...over },
  type: { ...type, ...t },
  imageId: 'ami-0123',
  rootDeviceName: '/dev/xvda',
  keyName: 'spawn-key',
  subnetId: 'subnet-1',
  securityGroupIds: ['sg-1'],
  instanceProfileName: 'spawnd-agent',
  userData: '#!/bin/sh\necho hi\n',
  clientToken: 'token-1',
  tags: [{ Key: 'spawn:managed', Value: 'true' }],
});

describe('buildRunInstancesInput', () => {
  it('always requires IMDSv2, is idempotent and tags instance and volumes', () => {
    const input = buildRunInstancesInput(parts());
    expect(input).toMatchObject({
      MetadataOptions: { HttpTokens: 'required' },
      ClientToken: 'token-1',
      InstanceInitiatedShutdownBehavior: 'terminate',
      IamInstanceProfile: { Name: 'spawnd-agent' },
      UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
    });
    expect(input.TagSpecifications?.map((t) => t.ResourceType)).toEqual(['instance', 'volume']);
    expect(input.InstanceMarketOptions).toBeUndefined();
    expect(input.HibernationOptions).toBeUndefined();
  });

  it('encrypts every root volume and lets spawnd read its tags from IMDS (IMDSv2 kept)', () => {
    for (const over of [{}, { market: 'spot' as const }, { hibernate: true }]) {
      const input = buildRunInstancesInput(parts(over));
      expect(input.BlockDeviceMappings?.[0]?.Ebs).toMatchObject({
        Encrypted: true,
        DeleteOnTermination: true,
      });
      expect(input.MetadataOptions).toEqual({
        HttpTokens: 'required',
        HttpEndpoint: 'enabled',
        HttpPutResponseHopLimit: 2,
        InstanceMetadataTags: 'enabled',
      });
    }
  });

  it.each<[string, Partial<LaunchSpec>, 'terminate' | 'stop']>([
    ['on-demand', {}, 'terminate'],
    ['one-time Spot (cannot be stopped)', { market: 'spot', onExpire: 'stop' }, 'terminate'],
    ['hibernation-enabled (hibernation never comes from an OS shutdown)', { hibernate: true }, 'terminate'],
  ])('an OS shutdown of %s terminates', (_name, over, behavior) => {
    expect(shutdownBehavior({ ...spec, ...over })).toBe(behavior);
    expect(buildRunInstancesInput(parts(over)).InstanceInitiatedShutdownBehavior).toBe(behavior);
  });

  it.each<[string, Partial<LaunchSpec>, Record<string, unknown>]>([
    [
      // Issue 15: the cap is sent as given, never rounded or padded (0.00001 was sent as 0.0000).
      'spot, one-time with a cap',
      { market: 'spot', maxPrice: 0.05 },
      {
        InstanceMarketOptions: {
          MarketType: 'spot',
          SpotOptions: {
            SpotInstanceType: 'one-time',
            InstanceInterruptionBehavior: 'terminate',
            MaxPrice: '0.05',
          },
        },
      },
    ],
    [
      'spot, a cap below a hundredth of a cent',
      { market: 'spot', maxPrice: 0.00001 },
      { InstanceMarketOptions: { SpotOptions: { MaxPrice: '0.00001' } } },
    ],
    [
      'spot, the cap text as typed',
      { market: 'spot', maxPrice: 0.1, maxPriceText: '0.10' },
      { InstanceMarketOptions: { SpotOptions: { MaxPrice: '0.10' } } },
    ],
    [
      'hibernation: encrypted root at least RAM + OS',
      { hibernate: true },
      {
        HibernationOptions: { Configured: true },
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 20 } }],
      },
    ],
    [
      'reservation id',
      { reservation: 'cr-0abc' },
      {
        CapacityReservationSpecification: { CapacityReservationTarget: { CapacityReservationId: 'cr-0abc' } },
      },
    ],
    [
      'open reservations',
      { reservation: 'open' },
      { CapacityReservationSpecification: { CapacityReservationPreference: 'open' } },
    ],
    [
      'stop at expiry keeps OS shutdown a stop',
      { onExpire: 'stop' },
      { InstanceInitiatedShutdownBehavior: 'stop' },
    ],
  ])('%s', (_name, over, expected) => {
    expect(buildRunInstancesInput(parts(over))).toMatchObject(expected);
  });

  it('spot without a cap sends no MaxPrice (AWS caps at the on-demand price)', () => {
    const options = buildRunInstancesInput(parts({ market: 'spot' })).InstanceMarketOptions;
    expect(options?.SpotOptions).toEqual({
      SpotInstanceType: 'one-time',
      InstanceInterruptionBehavior: 'terminate',
    });
  });

  it('refuses hibernation on a type without it', () => {
    expect(() => buildRunInstancesInput(parts({ hibernate: true }, { hibernationSupported: false }))).toThrow(
      /does not support hibernation/,
    );
  });

  it.each([
    [{ hibernate: false, diskGiB: undefined }, 8192, 20],
    [{ hibernate: true, diskGiB: undefined }, 65536, 72],
    [{ hibernate: true, diskGiB: 100 }, 65536, 100],
    [{ hibernate: false, diskGiB: 50 }, 65536, 50],
  ])('root volume %o with %i MiB RAM is %i GiB', (over, memoryMiB, gib) => {
    expect(rootVolumeGiB({ ...spec, ...over }, { ...type, memoryMiB })).toBe(gib);
  });
});
