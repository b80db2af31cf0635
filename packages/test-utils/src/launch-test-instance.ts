import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';

export interface TestInstanceOptions {
  /** Default: a client for `region` on the env's endpoint (`useMoto()` points it at this worker's moto). */
  ec2?: EC2Client;
  /** Default `us-east-1`; ignored when `ec2` is given. */
  region?: string;
  /** Every tag the instance is created with (nothing is added). */
  tags?: Record<string, string>;
  hibernate?: boolean;
  subnetId?: string;
  securityGroupIds?: string[];
  keyName?: string;
}

/** One of moto's bundled AMIs, present in every region (DescribeImages would take seconds). */
export const MOTO_AMI = 'ami-12c6146b';

/** Launches one t3.micro in moto, tagged in the RunInstances call, and returns its id. */
export async function launchTestInstance(o: TestInstanceOptions = {}): Promise<string> {
  const ec2 = o.ec2 ?? new EC2Client({ region: o.region ?? 'us-east-1' });
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: MOTO_AMI,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: o.subnetId,
      SecurityGroupIds: o.securityGroupIds,
      KeyName: o.keyName,
      HibernationOptions: o.hibernate ? { Configured: true } : undefined,
      TagSpecifications: [
        {
          ResourceType: 'instance',
          Tags: Object.entries(o.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        },
      ],
    }),
  );
  const id = out.Instances?.[0]?.InstanceId;
  if (!id) throw new Error('moto returned no instance id');
  return id;
}
