import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import { UserError } from '../errors/user-error.ts';
import type { Tag } from './build-tags.ts';
import type { ImageChoice } from './plan.ts';
import { decimalText } from './spot-cap.ts';
import type { LaunchSpec, TypeFacts } from './types.ts';

export interface RunInstancesParts {
  spec: LaunchSpec;
  type: TypeFacts;
  imageId: string;
  rootDeviceName: string;
  /** The image's root snapshot size and volume type (see ImageChoice); the root is never smaller. */
  root?: RootOfImage;
  keyName: string;
  subnetId: string;
  securityGroupIds: readonly string[];
  instanceProfileName: string;
  userData: string;
  clientToken: string;
  tags: Tag[];
  dryRun?: boolean;
}

/** Space the OS and tools need next to a hibernation image of RAM. */
const OS_GIB = 8;
const DEFAULT_DISK_GIB = 20;

type RootOfImage = Pick<ImageChoice, 'rootSnapshotGiB' | 'rootVolumeType'>;

/**
 * Root volume size: `--disk` (default 20 GiB), never below the image's root snapshot (EC2 refuses
 * a smaller volume; Deep Learning AMIs are 75+ GiB), and at least RAM + OS when hibernating.
 */
export function rootVolumeGiB(spec: LaunchSpec, type: TypeFacts, image: RootOfImage = {}): number {
  const wanted = Math.max(spec.diskGiB ?? DEFAULT_DISK_GIB, image.rootSnapshotGiB ?? 0);
  if (!spec.hibernate) return wanted;
  return Math.max(wanted, Math.ceil(type.memoryMiB / 1024) + OS_GIB);
}

/**
 * What an OS-initiated shutdown (the OS timer, spawnd's local fallback) does. It terminates,
 * so a powered-off instance never lingers billing its disk: on-demand ends as `spawn:on-expire`
 * says (terminate by default, stop only if asked); a one-time Spot instance cannot be stopped, so
 * it always terminates. A hibernating instance also terminates on an OS shutdown (hibernation
 * only happens through StopInstances, never from inside the OS).
 */
export function shutdownBehavior(spec: LaunchSpec): 'terminate' | 'stop' {
  if (spec.market === 'spot') return 'terminate';
  return spec.onExpire === 'terminate' ? 'terminate' : 'stop';
}

/**
 * The one RunInstances request: IMDSv2 required with instance tags readable from IMDS (spawnd's
 * fallback when the EC2 API is unreachable), idempotent ClientToken, an encrypted root volume
 * (account default KMS key) for every launch, shutdown behaviour as above, spot / hibernation /
 * reservation options and tags on instance and volumes.
 */
export function buildRunInstancesInput(p: RunInstancesParts): RunInstancesCommandInput {
  const { spec, type } = p;
  if (spec.hibernate && !type.hibernationSupported) {
    throw new UserError('INVALID_INPUT', `${spec.instanceType} does not support hibernation.`, {
      hint: 'Drop --hibernate / --hibernate-on-idle, or choose a type that supports it (truffle search shows it).',
    });
  }
  return {
    ImageId: p.imageId,
    InstanceType: spec.instanceType as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    ClientToken: p.clientToken,
    KeyName: p.keyName,
    SubnetId: p.subnetId,
    SecurityGroupIds: [...p.securityGroupIds],
    IamInstanceProfile: { Name: p.instanceProfileName },
    UserData: Buffer.from(p.userData, 'utf8').toString('base64'),
    MetadataOptions: {
      HttpTokens: 'required',
      HttpEndpoint: 'enabled',
      HttpPutResponseHopLimit: 2,
      InstanceMetadataTags: 'enabled',
    },
    InstanceInitiatedShutdownBehavior: shutdownBehavior(spec),
    BlockDeviceMappings: [
      {
        DeviceName: p.rootDeviceName,
        Ebs: {
          VolumeSize: rootVolumeGiB(spec, type, p.root),
          VolumeType: p.root?.rootVolumeType ?? 'gp3',
          DeleteOnTermination: true,
          Encrypted: true,
        },
      },
    ],
    ...(spec.hibernate ? { HibernationOptions: { Configured: true } } : {}),
    ...(spec.market === 'spot' ? { InstanceMarketOptions: spotOptions(spec) } : {}),
    ...(spec.reservation ? { CapacityReservationSpecification: reservationTarget(spec.reservation) } : {}),
    TagSpecifications: [
      { ResourceType: 'instance', Tags: p.tags },
      { ResourceType: 'volume', Tags: p.tags },
    ],
    ...(p.dryRun ? { DryRun: true } : {}),
  };
}

function spotOptions(spec: LaunchSpec): RunInstancesCommandInput['InstanceMarketOptions'] {
  return {
    MarketType: 'spot',
    SpotOptions: {
      // One-time requests end with the instance: nothing keeps relaunching after spawn is done.
      SpotInstanceType: 'one-time',
      InstanceInterruptionBehavior: 'terminate',
      // Exactly the cap given, never rounded (0.00001 is not 0.0000); none = AWS caps at on-demand.
      ...(spec.maxPrice !== undefined ? { MaxPrice: spec.maxPriceText ?? decimalText(spec.maxPrice) } : {}),
    },
  };
}

function reservationTarget(
  reservation: string,
): RunInstancesCommandInput['CapacityReservationSpecification'] {
  return reservation === 'open'
    ? { CapacityReservationPreference: 'open' }
    : { CapacityReservationTarget: { CapacityReservationId: reservation } };
}
