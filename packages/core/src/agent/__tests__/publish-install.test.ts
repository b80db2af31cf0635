import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type FakeImds, startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { startForwardProxy } from '@truffle-spawn/test-utils/forward-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPinned, releaseFiles } from '../../../../../scripts/publish-spawnd.ts';
import { artifactKey, artifactName, COMPRESSED_SUFFIX, SPAWND_ARCHES } from '../bucket.ts';
import { publishRelease } from '../publish-release.ts';
import { createReleaseS3Client } from '../release-s3-client.ts';
import { buildUserData } from '../user-data.ts';

// Small stand-in executables keep moto light; the 125 MB real ones are exercised elsewhere.
const moto = useMoto();
const VERSION = '9.8.7';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
let dir: string;
let imds: FakeImds | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spawnd-publish-'));
  for (const arch of SPAWND_ARCHES) {
    const body = `fake spawnd ${arch}\n`;
    await writeFile(join(dir, artifactName(VERSION, arch)), body);
    await writeFile(
      join(dir, `${artifactName(VERSION, arch)}.sha256`),
      `${sha(body)}  ${artifactName(VERSION, arch)}\n`,
    );
  }
});
afterEach(async () => {
  await imds?.close();
  await rm(dir, { recursive: true, force: true });
});

const publish = () =>
  publishRelease({
    clientFor: (region) => createReleaseS3Client(region, { pathStyle: true }),
    prefix: 'spawnd-releases',
    regions: REGIONS,
    files: releaseFiles(dir, VERSION),
  });

async function runInstaller(o: {
  region: string;
  machine: string;
  proxyEnv?: string;
  sha256?: { x64: string; arm64: string };
}) {
  imds = await startFakeImds({ region: o.region });
  const bin = join(dir, 'bin');
  const root = join(dir, 'root');
  await mkdir(bin, { recursive: true });
  if (o.proxyEnv !== undefined) {
    await mkdir(join(root, 'etc/spawnd'), { recursive: true });
    await writeFile(join(root, 'etc/spawnd/proxy.env'), o.proxyEnv);
  }
  await writeFile(join(bin, 'uname'), `#!/bin/sh\necho ${o.machine}\n`);
  await writeFile(join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >> "${join(dir, 'systemctl.log')}"\n`);
  await chmod(join(bin, 'uname'), 0o755);
  await chmod(join(bin, 'systemctl'), 0o755);
  const script = join(dir, 'user-data.sh');
  await writeFile(
    script,
    buildUserData({
      bucketPrefix: 'spawnd-releases',
      homeRegion: 'us-east-1',
      version: VERSION,
      sha256: o.sha256,
    }),
  );
  // Asynchronous on purpose: the fake IMDS answers from this very process.
  const child = spawn('sh', [script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
      SPAWND_DOWNLOAD_BASE_URL: `${moto.endpoint}/spawnd-releases-{region}`,
      SPAWND_INSTALL_ROOT: root,
    },
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { status, stderr, root, systemctl: () => readFile(join(dir, 'systemctl.log'), 'utf8') };
}

describe('publish to three regions, then install with user-data', () => {
  it('publishes idempotently: buckets and objects once, identical objects skipped', async () => {
    const first = await publish();
    expect(first.filter((e) => e.type === 'bucket-created')).toHaveLength(3);
    // Per region and arch: the executable, its gzip copy and its .sha256.
    expect(first.filter((e) => e.type === 'uploaded')).toHaveLength(18);
    const second = await publish();
    expect(second.map((e) => e.type)).toEqual(Array(18).fill('skipped'));
  });

  it('installs the arm64 binary from the instance region, verified, and starts the unit', async () => {
    await publish();
    const r = await runInstaller({ region: 'eu-west-1', machine: 'aarch64' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('spawnd-releases-eu-west-1');
    expect(await readFile(join(r.root, 'usr/local/bin/spawnd'), 'utf8')).toBe('fake spawnd arm64\n');
    expect(await readFile(join(r.root, 'etc/systemd/system/spawnd.service'), 'utf8')).toContain(
      'ExecStart=/usr/local/bin/spawnd run',
    );
    expect(await r.systemctl()).toContain('enable --now spawnd');
    expect(imds?.requests).toContain('PUT /latest/api/token');
  });

  it('downloads through the proxy in /etc/spawnd/proxy.env, IMDS still direct', async () => {
    await publish();
    await using proxy = await startForwardProxy();
    // curl reads only the lower-case http_proxy; NO_PROXY=* would make the test pass vacuously.
    const r = await runInstaller({
      region: 'eu-west-1',
      machine: 'x86_64',
      proxyEnv: `http_proxy=${proxy.url}\n`,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('proxy settings from');
    expect(await readFile(join(r.root, 'usr/local/bin/spawnd'), 'utf8')).toBe('fake spawnd x64\n');
    // The binary from the instance region, its checksum from the home region: both proxied.
    const key = artifactKey(VERSION, 'x64');
    expect(proxy.requests).toEqual([
      { method: 'GET', target: `${moto.endpoint}/spawnd-releases-eu-west-1/${key}${COMPRESSED_SUFFIX}` },
      { method: 'GET', target: `${moto.endpoint}/spawnd-releases-us-east-1/${key}.sha256` },
    ]);
    expect(imds?.requests).toContain('PUT /latest/api/token');
  });

  it('falls back to the home region when the instance region has no bucket', async () => {
    await publish();
    const r = await runInstaller({ region: 'sa-east-1', machine: 'x86_64' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('spawnd-releases-us-east-1');
    expect(await readFile(join(r.root, 'usr/local/bin/spawnd'), 'utf8')).toBe('fake spawnd x64\n');
  });

  // What instances download is the gzip copy: the checksum is of the decompressed executable.
  it.each([
    { what: 'a tampered binary (valid gzip)', body: gzipSync('evil'), error: 'checksum mismatch' },
    {
      what: 'a corrupted gzip copy',
      body: gzipSync('fake spawnd x64\n').subarray(0, 20),
      error: 'is not a valid gzip file; nothing installed',
    },
    { what: 'an uncompressed object', body: Buffer.from('fake spawnd x64\n'), error: 'not a valid gzip' },
  ])('refuses $what and installs nothing', async ({ body, error }) => {
    await publish();
    const s3 = createReleaseS3Client('eu-west-1', { pathStyle: true });
    await s3.send(
      new PutObjectCommand({
        Bucket: 'spawnd-releases-eu-west-1',
        Key: `${artifactKey(VERSION, 'x64')}${COMPRESSED_SUFFIX}`,
        Body: body,
      }),
    );
    const r = await runInstaller({ region: 'eu-west-1', machine: 'x86_64' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(error);
    expect(existsSync(join(r.root, 'usr/local/bin/spawnd'))).toBe(false);
    expect(existsSync(join(dir, 'systemctl.log'))).toBe(false);
  });

  it('refuses a gzip copy whose executable does not match the pinned checksum', async () => {
    await publish();
    const r = await runInstaller({
      region: 'eu-west-1',
      machine: 'x86_64',
      sha256: { x64: sha('another build\n'), arm64: sha('fake spawnd arm64\n') },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      `checksum mismatch for ${artifactName(VERSION, 'x64')}: expected ${sha('another build\n')}`,
    );
    expect(existsSync(join(r.root, 'usr/local/bin/spawnd'))).toBe(false);
  });

  it('never trusts a regional bucket: a binary and .sha256 served only there install nothing', async () => {
    // Someone else's `spawnd-releases-eu-west-1`, with a matching checksum; the home bucket has no release.
    await publishRelease({
      clientFor: (region) => createReleaseS3Client(region, { pathStyle: true }),
      prefix: 'spawnd-releases',
      regions: ['eu-west-1'],
      files: releaseFiles(dir, VERSION),
    });
    const r = await runInstaller({ region: 'eu-west-1', machine: 'x86_64' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('checksum not pinned and');
    expect(existsSync(join(r.root, 'usr/local/bin/spawnd'))).toBe(false);
    expect(existsSync(join(dir, 'systemctl.log'))).toBe(false);
  });

  it('publish-spawnd refuses executables other than the pinned build', async () => {
    const files = releaseFiles(dir, VERSION);
    const pins = join(dir, 'pins.json');
    const sums = { x64: sha('fake spawnd x64\n'), arm64: sha('fake spawnd arm64\n') };
    await writeFile(pins, JSON.stringify({ version: VERSION, sha256: sums }));
    expect(() => checkPinned(files, VERSION, pins)).not.toThrow();
    await writeFile(pins, JSON.stringify({ version: VERSION, sha256: { ...sums, arm64: 'f'.repeat(64) } }));
    expect(() => checkPinned(files, VERSION, pins)).toThrow(/not the build pinned .*pnpm build:spawnd/);
    await writeFile(pins, JSON.stringify({ version: '0.0.1', sha256: sums }));
    expect(() => checkPinned(files, VERSION, pins)).toThrow(/not the build pinned/);
  });
});
