import {
  CreateTagsCommand,
  DescribeTagsCommand,
  type EC2Client,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { type EndAction, TAG } from '../tags.ts';
import type { AgentStatus } from './agent-status.ts';
import { encodeStatusTag } from './status-tag.ts';

/** The instance's own tags as a plain map (DescribeTags, re-read every cycle). */
export async function describeOwnTags(ec2: EC2Client, instanceId: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    const out = await ec2.send(
      new DescribeTagsCommand({
        Filters: [{ Name: 'resource-id', Values: [instanceId] }],
        NextToken: nextToken,
      }),
    );
    for (const t of out.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
    nextToken = out.NextToken;
  } while (nextToken);
  return tags;
}

export async function writeStatusTag(ec2: EC2Client, instanceId: string, status: AgentStatus): Promise<void> {
  await setOwnTag(ec2, instanceId, TAG.status, encodeStatusTag(status));
}

export async function setOwnTag(
  ec2: EC2Client,
  instanceId: string,
  key: string,
  value: string,
): Promise<void> {
  await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: key, Value: value }] }));
}

/** Stops, hibernates (StopInstances with Hibernate) or terminates the instance itself. */
export async function endInstance(ec2: EC2Client, instanceId: string, action: EndAction): Promise<void> {
  if (action === 'terminate') {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    return;
  }
  await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId], Hibernate: action === 'hibernate' }));
}
