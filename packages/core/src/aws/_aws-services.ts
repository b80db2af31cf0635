// Dynamic imports keep the SDK out of `@truffle-spawn/core/aws` until a context is created, and
// let a command load only the clients it uses (S3 and SSM cost ~200 ms each to import).
export const awsServiceLoaders = {
  ec2: () => import('@aws-sdk/client-ec2').then((m) => m.EC2Client),
  ssm: () => import('@aws-sdk/client-ssm').then((m) => m.SSMClient),
  s3: () => import('@aws-sdk/client-s3').then((m) => m.S3Client),
  sts: () => import('@aws-sdk/client-sts').then((m) => m.STSClient),
  iam: () => import('@aws-sdk/client-iam').then((m) => m.IAMClient),
  'service-quotas': () => import('@aws-sdk/client-service-quotas').then((m) => m.ServiceQuotasClient),
  pricing: () => import('@aws-sdk/client-pricing').then((m) => m.PricingClient),
  scheduler: () => import('@aws-sdk/client-scheduler').then((m) => m.SchedulerClient),
} as const;

/** A service an {@link AwsContext} can make clients for. */
export type AwsServiceName = keyof typeof awsServiceLoaders;

export type AwsClientClasses = { [K in AwsServiceName]?: Awaited<ReturnType<(typeof awsServiceLoaders)[K]>> };

export const ALL_AWS_SERVICES = Object.keys(awsServiceLoaders) as AwsServiceName[];

/** Imports the client classes for `services`, in parallel. */
export async function loadAwsClientClasses(services: readonly AwsServiceName[]): Promise<AwsClientClasses> {
  const loaded = await Promise.all(services.map(async (s) => [s, await awsServiceLoaders[s]()] as const));
  return Object.fromEntries(loaded) as AwsClientClasses;
}
