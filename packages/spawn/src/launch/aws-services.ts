import type { AwsServiceName } from '@truffle-spawn/core/aws';
import { pinnedSpawndChecksums } from '@truffle-spawn/core/launch';
import { VERSION } from '../version.ts';

/**
 * Every client a launch uses (one list, so every caller shares one memoised context). S3 only
 * reads the spawnd checksums of a release this spawn was not built with: a released spawn has its
 * own pinned, and skips loading the S3 client (about 0.1 s of CPU before the first AWS call).
 */
export const LAUNCH_SERVICES: readonly AwsServiceName[] = [
  'ec2',
  'sts',
  'ssm',
  'iam',
  ...(pinnedSpawndChecksums(VERSION) ? [] : (['s3'] as const)),
  'pricing',
  'scheduler',
];
