import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * One published `.sha256` of the home bucket (`sha256sum` format: "<hex>  <file name>"). Apart from
 * spawnd-checksums.ts so that @aws-sdk/client-s3 loads only when a checksum is really read.
 */
export async function readChecksum(
  s3: S3Client,
  bucket: string,
  key: string,
  abortSignal: AbortSignal,
): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
  const text = (await out.Body?.transformToString()) ?? '';
  const hex = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`s3://${bucket}/${key} holds no SHA-256`);
  return hex;
}
