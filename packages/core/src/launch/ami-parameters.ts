import type { GpuInfo } from '../protocol/schemas.ts';

type Architecture = 'x86_64' | 'arm64';

/** Which driver image a type needs, from its accelerator as the catalog describes it. */
export type ImageFamily =
  | { readonly kind: 'plain' }
  | { readonly kind: 'nvidia' }
  | { readonly kind: 'neuron' }
  /** An accelerator no public image parameter carries a driver for (AMD, Habana, FPGA, inf1…). */
  | { readonly kind: 'no-driver-image'; readonly accelerator: string };

/** Plain Amazon Linux 2023: every type boots it, without accelerator drivers. */
export const plainAl2023Parameter = (architecture: Architecture) =>
  `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;

/**
 * The Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023). The name format is
 * `/aws/service/deeplearning/ami/$architecture/$ami_type/latest/ami-id` with architecture
 * `x86_64` or `arm64` (docs.aws.amazon.com/dlami/latest/devguide/find-dlami-id.html); the arm64
 * variant ("Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023)", release
 * notes list G5g, P6e-GB200) lives under the same ami_type with `arm64`.
 */
const nvidiaDlami = (architecture: Architecture) =>
  `/aws/service/deeplearning/ami/${architecture}/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id`;

/**
 * Neuron DLAMIs (Inferentia2, Trainium; x86_64 only). Prefixes from the Neuron DLAMI user guide's
 * "SSM Parameter Prefix" table (awsdocs-neuron.readthedocs-hosted.com, dlami/index): "Deep
 * Learning Base Neuron AMI (Amazon Linux 2023)" is `/aws/service/neuron/dlami/base/amazon-linux-2023`,
 * the multi-framework one `/aws/service/neuron/dlami/multi-framework/amazon-linux-2023`; the guide
 * appends `/latest/image_id` (image_id, not ami-id as for the NVIDIA DLAMIs).
 */
const NEURON_DLAMIS = [
  '/aws/service/neuron/dlami/base/amazon-linux-2023/latest/image_id',
  '/aws/service/neuron/dlami/multi-framework/amazon-linux-2023/latest/image_id',
];

/** ECS GPU-optimized AL2023 (NVIDIA driver): where a region lacks the x86_64 DLAMI parameter. */
const ECS_GPU_X86 = '/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id';

/**
 * The image family for a type's accelerator (the catalog's `gpus`): NVIDIA GPUs get the NVIDIA
 * driver DLAMI, AWS Inferentia2/Trainium the Neuron DLAMI. Inf1 (first Inferentia) is not
 * supported by Neuron DLAMIs since Neuron 2.26.1 (Neuron DLAMI user guide), so it has none.
 */
export function imageFamily(accelerator: GpuInfo | undefined): ImageFamily {
  if (!accelerator) return { kind: 'plain' };
  const maker = accelerator.manufacturer ?? '';
  const name = `${maker ? `${maker} ` : ''}${accelerator.model}`;
  if (accelerator.kind === 'gpu' && /nvidia/i.test(maker)) return { kind: 'nvidia' };
  const isNeuron = (accelerator.kind === 'inference' || accelerator.kind === 'training') && maker === 'AWS';
  if (isNeuron && accelerator.model !== 'Inferentia') return { kind: 'neuron' };
  return { kind: 'no-driver-image', accelerator: name };
}

/**
 * Public SSM parameters that name the latest image for a type, in the order to try: the driver
 * image of its family first, plain AL2023 last (the caller warns when an accelerated type ends
 * up there).
 */
export function amiParameterNames(o: { architecture: Architecture; family: ImageFamily }): string[] {
  const plain = plainAl2023Parameter(o.architecture);
  switch (o.family.kind) {
    case 'nvidia':
      return o.architecture === 'x86_64'
        ? [nvidiaDlami('x86_64'), ECS_GPU_X86, plain]
        : [nvidiaDlami('arm64'), plain];
    case 'neuron':
      return o.architecture === 'x86_64' ? [...NEURON_DLAMIS, plain] : [plain];
    default:
      return [plain];
  }
}
