import type { AwsServiceName } from '@truffle-spawn/core/aws';

/** Every client a launch uses (one list, so every caller shares one memoised context). */
export const LAUNCH_SERVICES: readonly AwsServiceName[] = [
  'ec2',
  'sts',
  'ssm',
  'iam',
  's3',
  'pricing',
  'scheduler',
];
