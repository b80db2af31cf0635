import { S3Client } from '@aws-sdk/client-s3';

/**
 * An S3 client for the release buckets of one region. Path-style addressing when an endpoint
 * override is in use (emulators serve `http://host:port/<bucket>/<key>`, no bucket subdomains).
 */
export function createReleaseS3Client(region: string, options: { pathStyle?: boolean } = {}): S3Client {
  return new S3Client({ region, forcePathStyle: options.pathStyle ?? false });
}
