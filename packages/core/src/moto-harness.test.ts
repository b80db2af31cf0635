import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';

describe('moto harness', () => {
  const moto = useMoto();

  it('serves EC2 over HTTP on loopback', async () => {
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint });
    const out = await ec2.send(new DescribeRegionsCommand({}));
    expect(out.Regions?.length).toBeGreaterThan(20);
  });
});
