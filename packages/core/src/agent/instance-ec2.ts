import { type EndAction, TAG } from '../tags.ts';
import type { AgentStatus } from './agent-status.ts';
import { parseDescribeTags } from './lean-ec2/ec2-xml.ts';
import type { AgentEc2Client } from './lean-ec2/lean-ec2-client.ts';
import { encodeStatusTag } from './status-tag.ts';

/** Query API list parameters: `ResourceId.1=i-…`, `Tag.1.Key=…`, `Tag.1.Value=…`. */
function tagParams(instanceId: string, tags: { key: string; value?: string }[]): Record<string, string> {
  const params: Record<string, string> = { 'ResourceId.1': instanceId };
  tags.forEach((t, i) => {
    params[`Tag.${i + 1}.Key`] = t.key;
    if (t.value !== undefined) params[`Tag.${i + 1}.Value`] = t.value;
  });
  return params;
}

/** The instance's own tags as a plain map (DescribeTags, re-read every cycle). */
export async function describeOwnTags(
  ec2: AgentEc2Client,
  instanceId: string,
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    const xml = await ec2.send('DescribeTags', {
      'Filter.1.Name': 'resource-id',
      'Filter.1.Value.1': instanceId,
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
    const page = parseDescribeTags(xml);
    for (const t of page.tags) tags[t.key] = t.value;
    nextToken = page.nextToken;
  } while (nextToken);
  return tags;
}

/** CreateTags on the instance itself (an empty value is a tag with an empty value). */
export async function createOwnTags(
  ec2: AgentEc2Client,
  instanceId: string,
  tags: Readonly<Record<string, string>>,
): Promise<void> {
  const list = Object.entries(tags).map(([key, value]) => ({ key, value }));
  if (list.length > 0) await ec2.send('CreateTags', tagParams(instanceId, list));
}

/** DeleteTags (any value) on the instance itself. */
export async function deleteOwnTags(
  ec2: AgentEc2Client,
  instanceId: string,
  keys: readonly string[],
): Promise<void> {
  if (keys.length > 0)
    await ec2.send(
      'DeleteTags',
      tagParams(
        instanceId,
        keys.map((key) => ({ key })),
      ),
    );
}

export async function writeStatusTag(
  ec2: AgentEc2Client,
  instanceId: string,
  status: AgentStatus,
): Promise<void> {
  await setOwnTag(ec2, instanceId, TAG.status, encodeStatusTag(status));
}

export async function setOwnTag(
  ec2: AgentEc2Client,
  instanceId: string,
  key: string,
  value: string,
): Promise<void> {
  await createOwnTags(ec2, instanceId, { [key]: value });
}

/** Stops, hibernates (StopInstances with Hibernate) or terminates the instance itself. */
export async function endInstance(ec2: AgentEc2Client, instanceId: string, action: EndAction): Promise<void> {
  if (action === 'terminate') {
    await ec2.send('TerminateInstances', { 'InstanceId.1': instanceId });
    return;
  }
  await ec2.send('StopInstances', { 'InstanceId.1': instanceId, Hibernate: String(action === 'hibernate') });
}
