import { loadEc2Sdk } from './_ec2-sdk.ts';

// The launch floor: RunInstances with an image id already known, then the SDK's own waiter for
// `running` with the same polling settings spawn uses. No lookups, key, network, role or tags.
const [imageId = '', instanceType = 't3.micro'] = process.argv.slice(2);
const sdk = await loadEc2Sdk();
const ec2 = new sdk.EC2Client({ region: 'us-east-1' });
const firstCallAt = performance.now();
const out = (await ec2.send(
  new sdk.RunInstancesCommand({ ImageId: imageId, InstanceType: instanceType, MinCount: 1, MaxCount: 1 }),
)) as { Instances?: { InstanceId?: string }[] };
const id = out.Instances?.[0]?.InstanceId ?? '';
const waited = await sdk.waitUntilInstanceRunning(
  { client: ec2, maxWaitTime: 300, minDelay: 2, maxDelay: 10 },
  { InstanceIds: [id] },
);
const lastCallEnd = performance.now();
// Milliseconds since the process started, for the bench's "where did the time go" note.
process.stdout.write(
  `${JSON.stringify({ instanceId: id, state: waited.state, firstCallAt, lastCallEnd })}\n`,
);
