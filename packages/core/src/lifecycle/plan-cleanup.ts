import { type EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import type { SpawnResource } from './spawn-resource.ts';

/** What cleanup will delete, and spawn-tagged resources it leaves alone with the reason. */
export interface CleanupPlan {
  region: string;
  delete: SpawnResource[];
  keep: { resource: SpawnResource; reason: string }[];
}

/** instance id → state for the given ids (ids EC2 no longer knows are simply absent). */
async function instanceStates(ec2: EC2Client, filters: { Name: string; Values: string[] }[]) {
  const states = new Map<string, { state: string; keyName?: string; vpcId?: string }>();
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: filters })) {
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        if (i.InstanceId) {
          states.set(i.InstanceId, { state: i.State?.Name ?? 'unknown', keyName: i.KeyName, vpcId: i.VpcId });
        }
      }
    }
  }
  return states;
}

/**
 * Decides which spawn-tagged resources are leftovers: their parent instance is gone or
 * terminated (volumes: also detached). Key pairs still used by a live instance are kept, since
 * a later launch may reuse an imported key.
 */
export async function planCleanup(
  ec2: EC2Client,
  region: string,
  resources: readonly SpawnResource[],
): Promise<CleanupPlan> {
  const parentIds = [...new Set(resources.flatMap((r) => (r.parent ? [r.parent] : [])))];
  const parents = new Map<string, { state: string }>();
  for (let i = 0; i < parentIds.length; i += 200) {
    const chunk = parentIds.slice(i, i + 200);
    for (const [id, s] of await instanceStates(ec2, [{ Name: 'instance-id', Values: chunk }]))
      parents.set(id, s);
  }
  const keyNames = resources.flatMap((r) => (r.kind === 'key-pair' && r.keyName ? [r.keyName] : []));
  const keyUsers = new Map<string, string>();
  if (keyNames.length > 0) {
    for (const [id, s] of await instanceStates(ec2, [{ Name: 'key-name', Values: keyNames }])) {
      if (s.state !== 'terminated' && s.keyName) keyUsers.set(s.keyName, id);
    }
  }
  const vpcUsers = await liveInstancesByVpc(ec2, resources);
  const plan: CleanupPlan = { region, delete: [], keep: [] };
  for (const r of resources) {
    const reason = keepReason(r, parents, keyUsers) ?? networkInUse(r, vpcUsers);
    if (reason) plan.keep.push({ resource: r, reason });
    else plan.delete.push(r);
  }
  return plan;
}

const NETWORK_KINDS = new Set(['vpc', 'subnet', 'route-table', 'internet-gateway']);

function vpcsOf(r: SpawnResource): string[] {
  if (!NETWORK_KINDS.has(r.kind)) return [];
  if (r.kind === 'vpc') return [r.id];
  return r.vpcId ? [r.vpcId] : (r.attachedVpcIds ?? []);
}

/** One live instance per VPC, for the VPCs the network resources belong to. */
async function liveInstancesByVpc(ec2: EC2Client, resources: readonly SpawnResource[]) {
  const vpcIds = [...new Set(resources.flatMap(vpcsOf))];
  const users = new Map<string, string>();
  if (vpcIds.length === 0) return users;
  const live = await instanceStates(ec2, [
    { Name: 'vpc-id', Values: vpcIds },
    { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] },
  ]);
  for (const [id, s] of live) if (s.vpcId && !users.has(s.vpcId)) users.set(s.vpcId, id);
  return users;
}

/**
 * A later launch may reuse the network spawn made for an earlier one (it keeps the first
 * instance's spawn:parent), so the network stays while any instance still lives in that VPC.
 */
function networkInUse(r: SpawnResource, vpcUsers: Map<string, string>): string | undefined {
  const user = vpcsOf(r)
    .map((v) => vpcUsers.get(v))
    .find(Boolean);
  return user ? `its network is still used by ${user}` : undefined;
}

function keepReason(
  r: SpawnResource,
  parents: Map<string, { state: string }>,
  keyUsers: Map<string, string>,
): string | undefined {
  const parentState = r.parent ? parents.get(r.parent)?.state : undefined;
  if (parentState && parentState !== 'terminated') return `its instance ${r.parent} is ${parentState}`;
  if (r.kind === 'volume' && r.state !== 'available') return `the volume is ${r.state ?? 'in use'}`;
  if (!r.parent && r.kind !== 'volume') return 'no spawn:parent tag';
  const user = r.keyName ? keyUsers.get(r.keyName) : undefined;
  if (r.kind === 'key-pair' && user) return `still used by ${user}`;
  return undefined;
}
