import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  artifactKey,
  bucketName,
  DEFAULT_BUCKET_PREFIX,
  DEFAULT_HOME_REGION,
  SPAWND_ARCHES,
} from '../../agent/index.ts';
import type { StepContext } from '../context.ts';

const FETCH_TIMEOUT_MS = 5000;

/**
 * Lookup: the spawnd checksums for this version from the home-region bucket, to pin in user-data.
 * Pinned, an instance refuses a binary that differs from what the home bucket published, even if a
 * regional bucket's binary and its `.sha256` were both replaced. When they cannot be read (no S3
 * access, version not published, offline), the launch still goes ahead and the instance checks
 * against the `.sha256` next to the binary: that catches corruption but trusts whoever can write
 * that bucket. The trade-off favours a working launch, and the user is warned.
 */
export async function pinSpawndChecksums(ctx: StepContext): Promise<string> {
  const { version } = ctx.environment;
  const bucket = bucketName(DEFAULT_BUCKET_PREFIX, DEFAULT_HOME_REGION);
  try {
    const s3 = ctx.clients.s3;
    if (!s3) throw new Error('no S3 client');
    const [x64, arm64] = await Promise.all(
      SPAWND_ARCHES.map((arch) => readChecksum(s3, bucket, `${artifactKey(version, arch)}.sha256`)),
    );
    ctx.state.spawndSha256 = { x64: x64 ?? '', arm64: arm64 ?? '' };
    return `spawnd ${version} checksums pinned from s3://${bucket}`;
  } catch (error) {
    const why =
      error instanceof Error
        ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
        : String(error);
    ctx.state.warnings.push(
      `Could not read the spawnd ${version} checksums from s3://${bucket} (${why}); the instance will verify spawnd against the checksum published next to it instead.`,
    );
    return `spawnd ${version} checksums not pinned (the published .sha256 will be used)`;
  }
}

async function readChecksum(
  s3: NonNullable<StepContext['clients']['s3']>,
  bucket: string,
  key: string,
): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), {
    abortSignal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  const text = (await out.Body?.transformToString()) ?? '';
  // `sha256sum` format: "<hex>  <file name>".
  const hex = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`s3://${bucket}/${key} holds no SHA-256`);
  return hex;
}
