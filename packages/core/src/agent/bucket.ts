/** Bucket name prefix; one bucket per region is `<prefix>-<region>`. */
export const DEFAULT_BUCKET_PREFIX = 'spawnd-releases';

/** The region whose bucket every instance falls back to when its own region has none. */
export const DEFAULT_HOME_REGION = 'us-east-1';

/** Key prefix of everything public in a release bucket; the bucket policy is scoped to it. */
export const SPAWND_KEY_PREFIX = 'spawnd';

export const SPAWND_ARCHES = ['x64', 'arm64'] as const;
export type SpawndArch = (typeof SPAWND_ARCHES)[number];

export function bucketName(prefix: string, region: string): string {
  return `${prefix}-${region}`;
}

/** `spawnd-0.1.0-linux-x64`: the file name of one executable. */
export function artifactName(version: string, arch: SpawndArch): string {
  return `spawnd-${version}-linux-${arch}`;
}

/**
 * Suffix of the compressed copy every instance downloads (`<key>.gz`, gzip -9: a third of the
 * executable's size, and AL2023 always has gzip). The checksum stays that of the decompressed file.
 */
export const COMPRESSED_SUFFIX = '.gz';

/** Object key of an executable inside a release bucket (its checksum is `<key>.sha256`). */
export function artifactKey(version: string, arch: SpawndArch): string {
  return `${SPAWND_KEY_PREFIX}/${version}/${artifactName(version, arch)}`;
}
