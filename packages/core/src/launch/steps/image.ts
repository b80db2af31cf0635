import { type _InstanceType, DescribeImagesCommand, DescribeInstanceTypesCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { UserError } from '../../errors/user-error.ts';
import { amiParameterNames } from '../ami-parameters.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { ImageChoice } from '../plan.ts';
import type { Done } from '../step.ts';
import type { TypeFacts } from '../types.ts';

/** Instance type facts (architecture, RAM, GPU, hibernation) from DescribeInstanceTypes. */
export async function describeTypeFacts(ctx: StepContext): Promise<TypeFacts> {
  const { instanceType } = ctx.spec;
  const out = await awsCall(ctx, 'DescribeInstanceTypes', (o) =>
    ctx.clients.ec2.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: [instanceType as _InstanceType] }),
      o,
    ),
  ).catch((error: UserError) => {
    if (error.code !== 'INVALID_PARAMETER' && error.details?.awsErrorName !== 'InvalidInstanceType')
      throw error;
    return { InstanceTypes: [] };
  });
  const info = out.InstanceTypes?.[0];
  if (!info) {
    throw new UserError('INVALID_INPUT', `Unknown instance type "${instanceType}" in ${ctx.spec.region}.`, {
      hint: `Find one with \`truffle search\`, e.g. \`truffle search t3.medium --region ${ctx.spec.region}\`.`,
    });
  }
  const arches = info.ProcessorInfo?.SupportedArchitectures ?? [];
  return {
    architecture: arches.includes('arm64') ? 'arm64' : 'x86_64',
    memoryMiB: info.MemoryInfo?.SizeInMiB ?? 0,
    vcpus: info.VCpuInfo?.DefaultVCpus ?? 0,
    hasGpu: (info.GpuInfo?.Gpus?.length ?? 0) > 0,
    hibernationSupported: info.HibernationSupported === true,
  };
}

/** `--ami`, else the newest AL2023 (GPU-ready for GPU types) from the public SSM parameters. */
export async function resolveImage(ctx: StepContext): Promise<Done<{ type: TypeFacts; image: ImageChoice }>> {
  const type = await describeTypeFacts(ctx);
  let imageId = ctx.spec.ami;
  let source = '--ami';
  for (const name of imageId ? [] : amiParameterNames(type)) {
    const value = await awsCall(ctx, 'GetParameter', (o) =>
      ctx.clients.ssm.send(new GetParameterCommand({ Name: name }), o),
    ).then(
      (o) => o.Parameter?.Value,
      (error: UserError) => {
        if (error.details?.awsErrorName === 'ParameterNotFound') return undefined;
        throw error;
      },
    );
    if (value) {
      imageId = value;
      source = name;
      break;
    }
  }
  if (!imageId) {
    throw new UserError(
      'NOT_FOUND',
      `No Amazon Linux 2023 image for ${type.architecture} in ${ctx.spec.region}.`,
      {
        hint: 'Pass an image with --ami ami-...',
      },
    );
  }
  const image = { imageId, source, rootDeviceName: await rootDevice(ctx, imageId) };
  return {
    line: `Image ${imageId} (${type.architecture}${type.hasGpu ? ', GPU' : ''}) from ${source}`,
    value: { type, image },
  };
}

async function rootDevice(ctx: StepContext, imageId: string): Promise<string> {
  const out = await awsCall(ctx, 'DescribeImages', (o) =>
    ctx.clients.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }), o),
  ).catch(() => undefined);
  // AL2023 images use /dev/xvda; emulators may not know the public image at all.
  return out?.Images?.[0]?.RootDeviceName ?? '/dev/xvda';
}
