import { type _InstanceType, DescribeInstanceTypesCommand, type InstanceTypeInfo } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { fromInstanceTypeInfo } from '../../catalog/from-instance-type-info.ts';
import { UserError } from '../../errors/user-error.ts';
import { amiParameterNames, type ImageFamily, imageFamily, plainAl2023Parameter } from '../ami-parameters.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { ImageChoice } from '../plan.ts';
import type { Done } from '../step.ts';
import type { TypeFacts } from '../types.ts';
import { prefetchAmiParameters } from './ami-parameter-batch.ts';
import { checkDiskFits, readRootMapping } from './image-root.ts';

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
    ...accelerator(info),
    hibernationSupported: info.HibernationSupported === true,
  };
}

/** The catalog's reading of the type's accelerator (GPU maker and model, Neuron kind). */
function accelerator(info: InstanceTypeInfo): Pick<TypeFacts, 'accelerator'> {
  const gpus = fromInstanceTypeInfo(info)?.gpus;
  return gpus ? { accelerator: gpus } : {};
}

/**
 * `--ami`, else the newest image for the type from the public SSM parameters: the NVIDIA driver
 * DLAMI for NVIDIA GPUs, the Neuron DLAMI for Inferentia2/Trainium, plain AL2023 otherwise (with
 * a warning when an accelerated type gets no driver image). Then the image's root mapping: a
 * `--disk` smaller than its snapshot is refused here, before anything is created.
 */
export async function resolveImage(
  ctx: StepContext,
): Promise<Done<{ type: TypeFacts; image: ImageChoice; warnings: string[] }>> {
  const prefetch = ctx.spec.ami ? undefined : prefetchAmiParameters(ctx);
  // Settled either way before this step ends: no call of a failed lookup is left running.
  const type = await describeTypeFacts(ctx).catch(async (error: unknown) => {
    await prefetch?.catch(() => undefined);
    throw error;
  });
  const family = imageFamily(type.accelerator);
  let imageId = ctx.spec.ami;
  let source = '--ami';
  const names = imageId ? [] : amiParameterNames({ architecture: type.architecture, family });
  // Everything was asked at once: when no name is in the batch, none of them exists here.
  const batch = await prefetch;
  const found = batch && names.find((name) => batch.has(name));
  if (found) {
    imageId = batch.get(found);
    source = found;
  }
  for (const name of batch ? [] : names) {
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
  const { root, unreadable } = await readRootMapping(ctx, imageId);
  checkDiskFits(ctx.spec.diskGiB, root.rootSnapshotGiB);
  const image: ImageChoice = { imageId, source, ...root };
  const warnings = [
    ...(source === plainAl2023Parameter(type.architecture) ? noDriverWarnings(ctx, family) : []),
    ...(unreadable ? [unreadable] : []),
  ];
  const accelerator = type.accelerator
    ? `, ${[type.accelerator.manufacturer, type.accelerator.model].filter(Boolean).join(' ')}`
    : '';
  const size = image.rootSnapshotGiB === undefined ? '' : `; root snapshot ${image.rootSnapshotGiB} GiB`;
  return {
    line: `Image ${imageId} (${type.architecture}${accelerator}) from ${source}${size}`,
    value: { type, image, warnings },
  };
}

function noDriverWarnings(ctx: StepContext, family: ImageFamily): string[] {
  const { instanceType, region } = ctx.spec;
  const fix = 'install the driver on it yourself, or pass an image that has it with --ami';
  if (family.kind === 'nvidia' || family.kind === 'neuron') {
    const which = family.kind === 'nvidia' ? 'NVIDIA driver (Deep Learning Base OSS)' : 'Neuron';
    return [
      `No ${which} image is published in ${region} for ${instanceType}: it gets plain Amazon Linux 2023, without the driver (${fix}).`,
    ];
  }
  if (family.kind === 'no-driver-image') {
    return [
      `${instanceType} has ${family.accelerator}: no public image parameter carries its driver, so it gets plain Amazon Linux 2023 (${fix}).`,
    ];
  }
  return [];
}
