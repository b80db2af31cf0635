import { type EC2Client, type Filter, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { fanOut } from '../aws/fan-out.ts';
import { TAG } from '../tags.ts';

const LIVE: Filter = {
  Name: 'instance-state-name',
  Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'],
};

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
  // A few regions at a time: every enabled region is asked, and an unanswered one is not "unused".
  const scan = await fanOut([...regions], (region) => firstUser(ec2(region), profileArn), { concurrency: 6 });
  const failed = scan.failed[0];
  if (failed) throw failed.error;
  const hit = scan.ok.find((r) => r.value !== undefined);
  return hit ? { instanceId: hit.value as string, region: hit.region } : undefined;
}

// Every live instance, checked here rather than by an `iam-instance-profile.arn` filter, so an
// instance someone else started with spawnd's profile counts too (and emulators without that filter work).
async function firstUser(ec2: EC2Client, profileArn: string | undefined): Promise<string | undefined> {
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: [LIVE] })) {
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        const managed = i.Tags?.some((t) => t.Key === TAG.managed && t.Value === 'true');
        if (i.InstanceId && (managed || (profileArn && i.IamInstanceProfile?.Arn === profileArn)))
          return i.InstanceId;
      }
    }
  }
  return undefined;
}
