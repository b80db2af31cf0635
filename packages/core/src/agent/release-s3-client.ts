import { S3Client } from '@aws-sdk/client-s3';
import type { MiddlewareHost } from '../aws/api-call-middleware.ts';
import { addAwsErrorTranslation } from '../aws/aws-error-middleware.ts';

/**
 * An S3 client for the release buckets of one region. Path-style addressing when an endpoint
 * override is in use (emulators serve `http://host:port/<bucket>/<key>`, no bucket subdomains).
 * Its failures are translated UserErrors, like every AwsContext client's.
 */
export function createReleaseS3Client(region: string, options: { pathStyle?: boolean } = {}): S3Client {
  const s3 = new S3Client({ region, forcePathStyle: options.pathStyle ?? false });
  addAwsErrorTranslation(s3 as unknown as MiddlewareHost, { region });
  return s3;
}
