import { loadEc2Sdk } from './_ec2-sdk.ts';
import type { BenchMoto } from './_moto.ts';
import { sdkEnv } from './_paths.ts';

/** The flags-mode launch the issue names: into moto's existing default VPC, waiting for running. */
export const LAUNCH_ARGS = [
  '--instance-type',
  't3.micro',
  '--region',
  'us-east-1',
  '--ttl',
  '1h',
  '--yes',
  '--ssh-cidr',
  '203.0.113.7/32',
  '--wait',
  'running',
  '--output',
  'ndjson',
] as const;

/** An image id moto knows, for the ideal client (which must not spend calls looking one up). */
export async function anyImageId(moto: BenchMoto): Promise<string> {
  Object.assign(process.env, moto.env, sdkEnv());
  const sdk = await loadEc2Sdk();
  const ec2 = new sdk.EC2Client({ region: 'us-east-1' });
  const out = (await ec2.send(new sdk.DescribeImagesCommand({ Owners: ['amazon'] }))) as {
    Images?: { ImageId?: string }[];
  };
  ec2.destroy();
  const id = out.Images?.[0]?.ImageId;
  if (!id) throw new Error('moto listed no Amazon images');
  return id;
}
