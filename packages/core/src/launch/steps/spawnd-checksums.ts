import {
  artifactKey,
  bucketName,
  DEFAULT_BUCKET_PREFIX,
  DEFAULT_HOME_REGION,
  SPAWND_ARCHES,
} from '../../agent/bucket.ts';
import { lookupDeadline, type StepContext } from '../context.ts';
import type { SpawndChecksumPlan } from '../plan.ts';
import { pinnedSpawndChecksums } from '../spawnd-pins.ts';
import type { Done } from '../step.ts';

/**
 * Lookup: the spawnd checksums user-data pins. The release spawn was built with is pinned from the
 * package itself (`spawnd-pins.json`): no bucket is trusted. For any other version spawn can only
 * use the home bucket's `.sha256` (read here, or by the instance itself when this read fails); a
 * regional bucket's checksum is never trusted, since anyone may own `spawnd-releases-<region>`.
 * The plan then says "not pinned", as does the result record.
 */
export async function pinSpawndChecksums(
  ctx: StepContext,
): Promise<Done<{ checksums: SpawndChecksumPlan; warnings: readonly string[] }>> {
  const { version } = ctx.environment;
  const pinned = pinnedSpawndChecksums(version);
  if (pinned) {
    return {
      line: `spawnd ${version} checksums pinned (built with this spawn)`,
      value: { checksums: { kind: 'pinned', sha256: pinned }, warnings: [] },
    };
  }
  const bucket = bucketName(DEFAULT_BUCKET_PREFIX, DEFAULT_HOME_REGION);
  try {
    const s3 = ctx.clients.s3;
    if (!s3) throw new Error('no S3 client');
    // Only a spawn without its own pins reads S3: the others never load @aws-sdk/client-s3 (~0.2 s).
    // An internal module (bundled, evaluated on first use), not an import() of the SDK.
    const { readChecksum } = await import('./read-spawnd-checksum.ts');
    const { deadline, signal, late } = lookupDeadline(ctx);
    const [x64, arm64] = await Promise.all(
      SPAWND_ARCHES.map((arch) =>
        readChecksum(s3, bucket, `${artifactKey(version, arch)}.sha256`, signal).catch((error: unknown) => {
          throw deadline.aborted ? new Error(late) : error;
        }),
      ),
    );
    return {
      line: `spawnd ${version} checksum not pinned: using the one published in s3://${bucket}`,
      value: {
        checksums: { kind: 'home-bucket', sha256: { x64: x64 ?? '', arm64: arm64 ?? '' } },
        warnings: [],
      },
    };
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    const why = describeFailure(error);
    return {
      line: `spawnd ${version} checksum not pinned: the instance will read it from s3://${bucket}`,
      value: {
        checksums: { kind: 'home-bucket-at-boot' },
        warnings: [
          `Could not read the spawnd ${version} checksums from s3://${bucket} (${why}); the instance will read them from there itself and install nothing if it cannot (its OS timer still ends it).`,
        ],
      },
    };
  }
}

/** `NoSuchBucket: ...`: the AWS error name (raw, or kept by the translated UserError) and message. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const aws = (error as { details?: { awsErrorName?: unknown } }).details?.awsErrorName;
  const name = typeof aws === 'string' ? aws : error.name;
  return `${name === 'Error' ? '' : `${name}: `}${error.message}`;
}
