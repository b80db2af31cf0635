import { createHash } from 'node:crypto';
import { DescribeInstanceAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  artifactKey,
  artifactName,
  createReleaseS3Client,
  DEFAULT_BUCKET_PREFIX,
  publishRelease,
} from '@truffle-spawn/core/agent';
import { startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../version.ts';
import { inventory } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

const moto = useMoto();

// The pins bundled at build time, controlled per test: in tests spawn's version is 0.0.0-dev, which
// no build pinned, so by default the real lookup answers "not pinned".
const pins = vi.hoisted(() => ({ value: undefined as { x64: string; arm64: string } | undefined }));
vi.mock('../../../core/src/launch/spawnd-pins.ts', () => ({ pinnedSpawndChecksums: () => pins.value }));
afterEach(() => {
  pins.value = undefined;
});

const argv = ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'none'];
// The read must not give way to a test machine's load (moto shared by every test file): the
// deadline itself is tested below, against a read that never answers.
const patient = { env: { SPAWN_LOOKUP_TIMEOUT: '60s' } };
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

describe('spawnd checksums in user-data (moto S3)', () => {
  it('pins the checksums of the release spawn was built with, whatever the home bucket says', async () => {
    await publishStandIns();
    pins.value = { x64: 'a'.repeat(64), arm64: 'b'.repeat(64) };
    const run = await runSpawn(argv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`spawnd ${VERSION} checksums pinned (built with this spawn)`);
    const script = await userData();
    expect(script).toContain(`SHA256_X64='${'a'.repeat(64)}'`);
    expect(script).toContain(`SHA256_ARM64='${'b'.repeat(64)}'`);
  });

  it('a version spawn does not know: the home bucket checksums, and the plan says "not pinned"', async () => {
    const hashes = await publishStandIns();
    const run = await runSpawn(argv, patient);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `spawnd ${VERSION} checksum not pinned: using the one published in s3://spawnd-releases-us-east-1`,
    );
    expect(run.stderr).not.toContain('Could not read the spawnd');
    const script = await userData();
    expect(script).toContain(`SHA256_X64='${hashes.x64}'`);
    expect(script).toContain(`SHA256_ARM64='${hashes.arm64}'`);
  });

  it('a checksum read that never answers gives way at SPAWN_LOOKUP_TIMEOUT: warned, the launch goes on', async () => {
    await publishStandIns();
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { service: 's3', path: /\.sha256\b/ }, fault: { kind: 'hang' } }],
      maxHangMs: 20_000,
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const started = Date.now();
    try {
      const run = await runSpawn(argv, { env: { SPAWN_LOOKUP_TIMEOUT: '1s' } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(
        `Could not read the spawnd ${VERSION} checksums from s3://spawnd-releases-us-east-1 (no answer within 1 s)`,
      );
      expect(run.stderr).toContain(`spawnd ${VERSION} checksum not pinned: the instance will read it from`);
    } finally {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    }
    expect(proxy.requests.filter((r) => r.fault === 'hang').length).toBeGreaterThan(0);
    // Well before the proxy's own 20 s end of the hang: the deadline, not the proxy, ended it.
    expect(Date.now() - started).toBeLessThan(15_000);
    const script = await userData();
    expect(script).toContain("SHA256_X64=''");
  });

  it('an invalid SPAWN_LOOKUP_TIMEOUT: a usage error naming it, exit 2, nothing created', async () => {
    const run = await runSpawn(argv, { env: { SPAWN_LOOKUP_TIMEOUT: 'soon' } });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('Invalid SPAWN_LOOKUP_TIMEOUT "soon"');
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.records.filter((r) => r.type === 'launched')).toEqual([]);
    const left = await inventory();
    expect(left.instances).toEqual([]);
    expect(left.keyPairs).toEqual([]);
    expect(left.securityGroups).toEqual([]);
  });

  it('home bucket unreadable: warns, and the instance may only use the home bucket, never a regional one', async () => {
    const run = await runSpawn(argv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Could not read the spawnd \S+ checksums from s3:\/\/spawnd-releases-us-east-1 \(NoSuchBucket/,
    );
    const script = await userData();
    expect(script).toContain("SHA256_X64=''");
    expect(script).toContain("SHA256_ARM64=''");
    // The only .sha256 the script can fetch is the home region's (run in publish-install.test.ts).
    expect(script).not.toContain('$base/$key.sha256');
    expect(script).toContain('"$home/$key.sha256"');
    expect(script).toContain('home=$(base_for "$HOME_REGION")');
  });
});
