import { type EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';

export interface TestInstanceOptions {
  hibernate?: boolean;
  subnetId?: string;
  securityGroupIds?: string[];
  keyName?: string;
}

/** One of moto's bundled AMIs, present in every region (DescribeImages would take seconds). */
export const MOTO_AMI = 'ami-12c6146b';

/**
 * Launches one t3.micro in moto (the client's endpoint: `useMoto()` points the env at this
 * worker's server), tagged in the RunInstances call with exactly `tags`, and returns its id.
 */
export async function launchTestInstance(
  ec2: EC2Client,
  tags: Record<string, string>,
  o: TestInstanceOptions = {},
): Promise<string> {
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
        { ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      ],
    }),
  );
  const id = out.Instances?.[0]?.InstanceId;
  if (!id) throw new Error('moto returned no instance id');
  return id;
}
