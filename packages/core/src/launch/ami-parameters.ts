/**
 * Public SSM parameters that name the latest AMIs, in the order to try. GPU types get the Deep
 * Learning Base OSS NVIDIA driver AL2023 AMI, falling back to the ECS GPU-optimized AL2023 one
 * (x86_64 only); everything else gets plain AL2023.
 */
export function amiParameterNames(o: { architecture: 'x86_64' | 'arm64'; hasGpu: boolean }): string[] {
  const plain = `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${o.architecture}`;
  if (!o.hasGpu) return [plain];
  const dlami = `/aws/service/deeplearning/ami/${o.architecture}/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id`;
  const ecsGpu = '/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id';
  return o.architecture === 'x86_64' ? [dlami, ecsGpu] : [dlami];
}
