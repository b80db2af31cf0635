import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { UserError } from '../../errors/user-error.ts';
import { awsCall, type StepContext } from '../context.ts';
import { DEFAULT_ROOT_GIB } from '../estimate-cost.ts';
import type { ImageChoice } from '../plan.ts';

/** `--disk` below the image's snapshot cannot work (EC2 refuses it): say so before anything exists. */
export function checkDiskFits(diskGiB: number | undefined, snapshotGiB: number | undefined): void {
  if (diskGiB === undefined || snapshotGiB === undefined || diskGiB >= snapshotGiB) return;
  throw new UserError(
    'INVALID_INPUT',
    `--disk ${diskGiB} is smaller than the image's root snapshot (${snapshotGiB} GiB): EC2 cannot make a root volume smaller than its image.`,
    {
      hint: `Use --disk ${snapshotGiB} or more, or leave --disk out (spawn then uses ${Math.max(DEFAULT_ROOT_GIB, snapshotGiB)} GiB).`,
    },
  );
}

type RootMapping = Pick<ImageChoice, 'name' | 'rootDeviceName' | 'rootSnapshotGiB' | 'rootVolumeType'>;

/**
 * The image's name, root device, snapshot size and volume type (DescribeImages). An image that
 * does not exist is an error now, before anything is created. Any other failure (emulators may
 * not know a public image, a policy may deny the call) leaves the size unknown and says so
 * (`unreadable`): the root then gets `--disk` or 20 GiB, which EC2 refuses for a larger image.
 */
export async function readRootMapping(
  ctx: StepContext,
  imageId: string,
): Promise<{ root: RootMapping; unreadable?: string }> {
  let unreadable: string | undefined;
  const out = await awsCall(ctx, 'DescribeImages', (o) =>
    ctx.clients.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }), o),
  ).catch((error: UserError) => {
    if (ctx.signal?.aborted || ctx.cancelled?.aborted) throw error;
    if (/^InvalidAMIID\./.test(String(error.details?.awsErrorName ?? ''))) {
      throw new UserError('NOT_FOUND', `Image ${imageId} does not exist in ${ctx.spec.region}.`, {
        hint: 'Check the id (images are per region), or leave --ami out to use Amazon Linux 2023.',
        cause: error,
      });
    }
    unreadable = `Could not read the root size of image ${imageId} (${error.message}): if EC2 refuses the root volume as too small, pass a larger --disk.`;
    return undefined;
  });
  const found = out?.Images?.[0];
  // AL2023 images use /dev/xvda.
  const rootDeviceName = found?.RootDeviceName ?? '/dev/xvda';
  const ebs = found?.BlockDeviceMappings?.find((m) => m.DeviceName === rootDeviceName)?.Ebs;
  const root: RootMapping = {
    ...(found?.Name ? { name: found.Name } : {}),
    rootDeviceName,
    ...(ebs?.VolumeSize ? { rootSnapshotGiB: ebs.VolumeSize } : {}),
    rootVolumeType: ebs?.VolumeType === 'gp2' ? 'gp2' : 'gp3',
  };
  return unreadable ? { root, unreadable } : { root };
}
