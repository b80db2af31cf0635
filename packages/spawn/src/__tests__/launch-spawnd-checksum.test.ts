import { createHash } from 'node:crypto';
import { DescribeInstanceAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  artifactKey,
  artifactName,
  createReleaseS3Client,
  DEFAULT_BUCKET_PREFIX,
  publishRelease,
} from '@truffle-spawn/core/agent';
import { describe, expect, it } from 'vitest';
import { useMoto } from '../../../../scripts/test/moto.ts';
import { VERSION } from '../version.ts';
import { inventory } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

useMoto();

const argv = ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'none'];
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Publishes small stand-ins for both executables (and their .sha256) to the home-region bucket. */
async function publishStandIns(): Promise<{ x64: string; arm64: string }> {
  const hashes = { x64: '', arm64: '' };
  const files = (['x64', 'arm64'] as const).flatMap((arch) => {
    const body = new TextEncoder().encode(`stand-in spawnd ${arch}\n`);
    hashes[arch] = sha256(body);
    const sums = new TextEncoder().encode(`${hashes[arch]}  ${artifactName(VERSION, arch)}\n`);
    return [
      { key: artifactKey(VERSION, arch), body, sha256: hashes[arch] },
      { key: `${artifactKey(VERSION, arch)}.sha256`, body: sums, sha256: sha256(sums) },
    ];
  });
  await publishRelease({
    clientFor: (region) => createReleaseS3Client(region, { pathStyle: true }),
    prefix: DEFAULT_BUCKET_PREFIX,
    regions: ['us-east-1'],
    files,
  });
  return hashes;
}

async function userData(): Promise<string> {
  const [instance] = (await inventory()).instances;
  const out = await new EC2Client({}).send(
    new DescribeInstanceAttributeCommand({ InstanceId: instance?.InstanceId, Attribute: 'userData' }),
  );
  return Buffer.from(out.UserData?.Value ?? '', 'base64').toString('utf8');
}

describe('spawnd checksums pinned by the launcher (moto S3)', () => {
  it('puts the home bucket checksums for both architectures into the user-data', async () => {
    const hashes = await publishStandIns();
    const run = await runSpawn(argv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`spawnd ${VERSION} checksums pinned from s3://spawnd-releases-us-east-1`);
    expect(run.stderr).not.toContain('Could not read the spawnd');
    const script = await userData();
    expect(script).toContain(`SHA256_X64='${hashes.x64}'`);
    expect(script).toContain(`SHA256_ARM64='${hashes.arm64}'`);
  });

  it('without a published release: warns, launches, and the instance uses the published file', async () => {
    const run = await runSpawn(argv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Could not read the spawnd \S+ checksums from s3:\/\/spawnd-releases-us-east-1 \(NoSuchBucket/,
    );
    const script = await userData();
    expect(script).toContain("SHA256_X64=''");
    expect(script).toContain("SHA256_ARM64=''");
  });
});
