import { DescribeInstancesCommand, type EC2Client, type Filter } from '@aws-sdk/client-ec2';
import { withAwsErrors } from '../aws/translate-aws-error.ts';
import { TAG } from '../tags.ts';

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];

/**
 * One instance, in any of `regions`, that still needs spawn's shared IAM: a live spawn-managed
 * instance (spawnd's role, the scheduler role of its cloud backstop) or any live instance holding
 * spawnd's instance profile. Undefined when none does, so the role and profile may go.
 */
export async function findSharedIamUser(
  ec2: (region: string) => EC2Client,
  regions: readonly string[],
  profileArn?: string,
): Promise<{ instanceId: string; region: string } | undefined> {
  const live: Filter = { Name: 'instance-state-name', Values: LIVE_STATES };
  const queries: Filter[][] = [
    [live, { Name: `tag:${TAG.managed}`, Values: ['true'] }],
    ...(profileArn ? [[live, { Name: 'iam-instance-profile.arn', Values: [profileArn] }]] : []),
  ];
  const found = await Promise.all(
    regions.flatMap((region) =>
      queries.map(async (Filters) => {
        const out = await withAwsErrors(
          () => ec2(region).send(new DescribeInstancesCommand({ Filters, MaxResults: 5 })),
          { region, operation: 'DescribeInstances' },
        );
        const id = out.Reservations?.[0]?.Instances?.[0]?.InstanceId;
        return id ? { instanceId: id, region } : undefined;
      }),
    ),
  );
  return found.find(Boolean);
}
