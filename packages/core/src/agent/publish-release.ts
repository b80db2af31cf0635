import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsHttpStatus, isAwsError } from '../aws/aws-error-name.ts';
import { bucketName, SPAWND_KEY_PREFIX } from './bucket.ts';

/** One object to publish; `sha256` (hex) decides whether an existing copy is identical. */
export interface ReleaseFile {
  key: string;
  body: Uint8Array;
  sha256: string;
  contentType?: string;
}

export type PublishEvent =
  | { type: 'bucket-created'; bucket: string; region: string }
  | { type: 'policy-set'; bucket: string }
  | { type: 'uploaded'; bucket: string; key: string }
  | { type: 'skipped'; bucket: string; key: string };

export interface PublishOptions {
  clientFor(region: string): S3Client;
  prefix: string;
  regions: readonly string[];
  files: readonly ReleaseFile[];
  onEvent?(event: PublishEvent): void;
}

/** Public read on the spawnd key prefix only: nothing else in the bucket becomes public. */
export function releaseBucketPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicReadSpawndReleases',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/${SPAWND_KEY_PREFIX}/*`,
      },
    ],
  });
}

const missing = (e: unknown) =>
  isAwsError(e, 'NotFound', 'NoSuchBucket', 'NoSuchKey', 'NoSuchBucketPolicy') || awsHttpStatus(e) === 404;

async function ensureBucket(
  s3: S3Client,
  bucket: string,
  region: string,
  onEvent: PublishOptions['onEvent'],
) {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (e) {
    if (!missing(e)) throw e;
  }
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      ...(region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
    }),
  );
  onEvent?.({ type: 'bucket-created', bucket, region });
}

async function ensurePolicy(s3: S3Client, bucket: string, onEvent: PublishOptions['onEvent']) {
  const wanted = releaseBucketPolicy(bucket);
  try {
    const current = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
    if (current.Policy && JSON.stringify(JSON.parse(current.Policy)) === wanted) return;
  } catch (e) {
    if (!missing(e)) throw e;
  }
  // New buckets block public policies; allow a policy (ACLs stay blocked) so only ours applies.
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    }),
  );
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: wanted }));
  onEvent?.({ type: 'policy-set', bucket });
}

async function isSame(s3: S3Client, bucket: string, file: ReleaseFile): Promise<boolean> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: file.key }));
    return head.Metadata?.sha256 === file.sha256 && head.ContentLength === file.body.byteLength;
  } catch (e) {
    if (missing(e)) return false;
    throw e;
  }
}

/**
 * Uploads the release files to `<prefix>-<region>` in every region: creates missing buckets,
 * makes only the spawnd prefix publicly readable, and skips objects whose checksum matches.
 */
export async function publishRelease(o: PublishOptions): Promise<PublishEvent[]> {
  const events: PublishEvent[] = [];
  const emit = (e: PublishEvent) => {
    events.push(e);
    o.onEvent?.(e);
  };
  for (const region of o.regions) {
    const s3 = o.clientFor(region);
    const bucket = bucketName(o.prefix, region);
    await ensureBucket(s3, bucket, region, emit);
    await ensurePolicy(s3, bucket, emit);
    for (const file of o.files) {
      if (await isSame(s3, bucket, file)) {
        emit({ type: 'skipped', bucket, key: file.key });
        continue;
      }
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: file.key,
          Body: file.body,
          ContentType: file.contentType ?? 'application/octet-stream',
          Metadata: { sha256: file.sha256 },
        }),
      );
      emit({ type: 'uploaded', bucket, key: file.key });
    }
  }
  return events;
}
