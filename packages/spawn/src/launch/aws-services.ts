import type { AwsServiceName } from '@truffle-spawn/core/aws';
import { pinnedSpawndChecksums } from '@truffle-spawn/core/launch';
import { VERSION } from '../version.ts';

/**
 * Every client a launch uses (the same list for every caller, so they share one memoised context).
 * S3 only reads the spawnd checksums of a release this spawn was not built with: a released spawn
 * has its own pinned, and skips loading the S3 client (about 0.1 s of CPU before the first call).
 */
export function launchServices(): readonly AwsServiceName[] {
  const s3: AwsServiceName[] = pinnedSpawndChecksums(VERSION) ? [] : ['s3'];
  return ['ec2', 'sts', 'ssm', 'iam', ...s3, 'pricing', 'scheduler'];
}
