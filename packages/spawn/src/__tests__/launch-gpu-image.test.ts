import { DescribeInstancesCommand, DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { DLAMI_FIXTURE, startMotoWithPublicImages } from '@truffle-spawn/test-utils/moto-public-images';
import type { MotoServer } from '@truffle-spawn/test-utils/moto-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSpawn } from './_launch-test-io.ts';

// moto lacks the Deep Learning AMI parameters and 75 GiB images: a private moto has them
// fixtured (test-utils/moto-public-images). Dry runs: the plan is what is under test here.
useMoto();
let server: MotoServer;
beforeAll(async () => {
  server = await startMotoWithPublicImages(DLAMI_FIXTURE);
  // The SDK reads the endpoint from process.env too, not only from the env spawn is given.
  process.env.AWS_ENDPOINT_URL = server.endpoint;
});
afterAll(() => server?.stop());
beforeEach(async () => {
  await fetch(`${server.endpoint}/moto-api/reset`, { method: 'POST' });
});

const spawn = (type: string, ...more: string[]) =>
  runSpawn(['--instance-type', type, '--ttl', '1h', '--ssh-cidr', '203.0.113.7/32', '--yes', ...more]);

describe('spawn plans GPU launches that boot (issue 15)', () => {
  it("g6.xlarge: the plan shows the image's 75 GiB gp3 root, its $/month, and the cost counts it", async () => {
    const run = await spawn('g6.xlarge', '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    // moto has no Pricing API: the gp3 list price ($0.08/GB-month) is named as the fallback.
    expect(run.stderr).toMatch(
      /Disk {7}75 GiB gp3 root volume \(the image's root snapshot size\), \$6\.00\/month at \$0\.0800\/GB-month from EBS list price/,
    );
    expect(run.stderr).toMatch(/Cost {7}.*for the 75 GiB gp3 disk/);
    expect(run.stderr).toContain(
      'Image      ami-0d1a0e5f1a2b3c4d5 (Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023) 20261101) from /aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id',
    );
    expect(run.stderr).not.toMatch(/plain Amazon Linux 2023/);
  });

  it('--disk above the image size is used as asked', async () => {
    const run = await spawn('g6.xlarge', '--dry-run', '--disk', '200');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Disk {7}200 GiB gp3 root volume, \$16\.00\/month/);
  });

  it('--disk 10 with a 75 GiB image: exit 2, the size that works, nothing created', async () => {
    const run = await spawn('g6.xlarge', '--disk', '10');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--disk 10 is smaller than the image's root snapshot (75 GiB)");
    expect(run.stderr).toContain('Use --disk 75 or more, or leave --disk out (spawn then uses 75 GiB).');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.records).toEqual([expect.objectContaining({ type: 'error', code: 'INVALID_INPUT' })]);
    const ec2 = new EC2Client({ endpoint: server.endpoint });
    expect((await ec2.send(new DescribeInstancesCommand({}))).Reservations ?? []).toEqual([]);
    expect((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).toEqual([]);
  });

  it('an AMD GPU (g4ad) gets plain AL2023 and the plan warns that its driver is missing', async () => {
    const run = await spawn('g4ad.xlarge', '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'g4ad.xlarge has AMD Radeon Pro V520: no public image parameter carries its driver, so it gets plain Amazon Linux 2023',
    );
    expect(run.stderr).toMatch(/Disk {7}20 GiB gp3 root volume, \$1\.60\/month/);
  });
});
