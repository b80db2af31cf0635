import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  artifactKey,
  artifactName,
  COMPRESSED_SUFFIX,
  createReleaseS3Client,
  DEFAULT_BUCKET_PREFIX,
  DEFAULT_HOME_REGION,
  type PublishEvent,
  publishRelease,
  type ReleaseFile,
  SPAWND_ARCHES,
} from '../packages/core/src/agent/index.ts';
import { compressSpawnd, SPAWND_ARTIFACTS_DIR, SPAWND_PINS_FILE, spawndVersion } from './build-spawnd.ts';

const USAGE = `Usage: tsx scripts/publish-spawnd.ts [--prefix ${DEFAULT_BUCKET_PREFIX}] [--regions ${DEFAULT_HOME_REGION},eu-west-1] [--dir artifacts/spawnd]
Uploads spawnd-<version>-linux-{x64,arm64}, their gzip copies (.gz, what instances download) and
their .sha256 (of the executable itself) to the bucket <prefix>-<region> of every
region (creating it), public-read on the spawnd/ prefix only; identical objects are skipped.`;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The built executables, their gzip copies (what user-data downloads) and their checksum files
 * (run the spawnd build first). The raw executables stay published for spawn releases that
 * download them.
 */
export function releaseFiles(dir: string, version: string): ReleaseFile[] {
  return SPAWND_ARCHES.flatMap((arch) => {
    const key = artifactKey(version, arch);
    const body = readFileSync(join(dir, artifactName(version, arch)));
    const checksum = Buffer.from(readFileSync(join(dir, `${artifactName(version, arch)}.sha256`)));
    if (checksum.toString().split(/\s+/)[0] !== sha256(body)) {
      throw new Error(`${artifactName(version, arch)} does not match its .sha256: rebuild before publishing`);
    }
    const gz = compressSpawnd(body);
    return [
      { key, body, sha256: sha256(body) },
      { key: `${key}${COMPRESSED_SUFFIX}`, body: gz, sha256: sha256(gz), contentType: 'application/gzip' },
      { key: `${key}.sha256`, body: checksum, sha256: sha256(checksum), contentType: 'text/plain' },
    ];
  });
}

/**
 * Refuses to publish executables other than the ones spawn pins: every launch with this spawn would
 * refuse them (and its OS timer would end the instance).
 */
export function checkPinned(files: ReleaseFile[], version: string, pinsFile = SPAWND_PINS_FILE): void {
  const pins = JSON.parse(readFileSync(pinsFile, 'utf8')) as {
    version: string;
    sha256: Record<string, string>;
  };
  for (const arch of SPAWND_ARCHES) {
    const file = files.find((f) => f.key === artifactKey(version, arch));
    if (pins.version !== version || pins.sha256[arch] !== file?.sha256) {
      throw new Error(
        `${artifactName(version, arch)} is not the build pinned in ${pinsFile}: run pnpm build:spawnd and commit the pins first`,
      );
    }
  }
}

export async function publishSpawnd(argv: string[], env: NodeJS.ProcessEnv): Promise<PublishEvent[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      prefix: { type: 'string', default: env.SPAWND_BUCKET_PREFIX || DEFAULT_BUCKET_PREFIX },
      regions: { type: 'string', default: env.SPAWND_REGIONS || DEFAULT_HOME_REGION },
      dir: { type: 'string', default: SPAWND_ARTIFACTS_DIR },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return [];
  }
  const regions = values.regions
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const pathStyle = Boolean(env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_S3);
  const files = releaseFiles(values.dir, spawndVersion());
  checkPinned(files, spawndVersion());
  return publishRelease({
    clientFor: (region) => createReleaseS3Client(region, { pathStyle }),
    prefix: values.prefix,
    regions,
    files,
    onEvent: (event) => {
      process.stdout.write(`${JSON.stringify(event)}\n`);
      process.stderr.write(
        `publish-spawnd: ${event.type} ${event.bucket}${'key' in event ? `/${event.key}` : ''}\n`,
      );
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  publishSpawnd(process.argv.slice(2), process.env).catch((e: unknown) => {
    process.stderr.write(`publish-spawnd: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    process.exitCode = 1;
  });
}
