import { type EC2Client, type Filter, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { TAG } from '../tags.ts';
import type { SpawnResource } from './spawn-resource.ts';

/** What cleanup will delete, and spawn-tagged resources it leaves alone with the reason. */
export interface CleanupPlan {
  region: string;
  delete: SpawnResource[];
  keep: { resource: SpawnResource; reason: string }[];
}

export interface PlanCleanupOptions {
  /** `spawn cleanup --shared`: the shared network too, once no instance lives in it. */
  shared?: boolean;
  now?: number;
  /** Younger than this, a resource no instance vouches for may belong to a launch still running. */
  graceMs?: number;
}

/** A launch takes minutes; after this long, what it left without a live instance is a leftover. */
export const LEFTOVER_GRACE_MS = 30 * 60_000;

const LIVE = (state: string) => state !== 'terminated';

interface InstanceFacts {
  state: string;
  keyName?: string;
  vpcId?: string;
  launchId?: string;
  group?: string;
}

async function describe(ec2: EC2Client, filters: Filter[]): Promise<Map<string, InstanceFacts>> {
  const found = new Map<string, InstanceFacts>();
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: filters })) {
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        if (!i.InstanceId) continue;
        found.set(i.InstanceId, {
          state: i.State?.Name ?? 'unknown',
          keyName: i.KeyName,
          vpcId: i.VpcId,
          launchId: i.Tags?.find((t) => t.Key === TAG.launchId)?.Value,
          group: i.Tags?.find((t) => t.Key === TAG.group)?.Value,
        });
      }
    }
  }
  return found;
}

/** Instances matching `name` ∈ values, 200 values per request (ids EC2 no longer knows are absent). */
async function describeBy(ec2: EC2Client, name: string, values: string[], extra: Filter[] = []) {
  const all = new Map<string, InstanceFacts>();
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += 200) {
    for (const [id, f] of await describe(ec2, [{ Name: name, Values: unique.slice(i, i + 200) }, ...extra]))
      all.set(id, f);
  }
  return all;
}

/**
 * Decides which spawn resources are leftovers. A launch's own resources (security group, key
 * pair, volume) are leftovers when their instance is terminated, or, when no instance vouches for
 * them (a crashed launch, a parent EC2 no longer knows), when no live instance carries their
 * `spawn:launch-id` and they are older than the grace period. A `--count` group's shared ones
 * (`spawn:group`) stay while any instance of that group and launch lives. Shared ones (the network) only with
 * `shared`, once no instance lives in their VPC. Key pairs a live instance uses are always kept.
 */
export async function planCleanup(
  ec2: EC2Client,
  region: string,
  resources: readonly SpawnResource[],
  o: PlanCleanupOptions = {},
): Promise<CleanupPlan> {
  const own = resources.filter((r) => !r.shared);
  const parents = await describeBy(
    ec2,
    'instance-id',
    own.flatMap((r) => (r.parent ? [r.parent] : [])),
  );
  const byLaunch = new Map<string, string>();
  const launchIds = own.flatMap((r) => (r.launchId ? [r.launchId] : []));
  for (const [id, f] of await describeBy(ec2, `tag:${TAG.launchId}`, launchIds)) {
    if (LIVE(f.state) && f.launchId) byLaunch.set(f.launchId, `${id} is ${f.state}`);
  }
  // A group's shared resource lives while any instance of that group (and launch) does.
  const groupUsers = new Map<string, string>();
  const groups = own.flatMap((r) => (r.group && r.kind !== 'volume' ? [r.group] : []));
  for (const [id, f] of await describeBy(ec2, `tag:${TAG.group}`, groups)) {
    if (LIVE(f.state) && f.group) groupUsers.set(groupKey(f.group, f.launchId), `${id} is ${f.state}`);
  }
  const keyUsers = new Map<string, string>();
  const keyNames = own.flatMap((r) => (r.kind === 'key-pair' && r.keyName ? [r.keyName] : []));
  for (const [id, f] of await describeBy(ec2, 'key-name', keyNames)) {
    if (LIVE(f.state) && f.keyName) keyUsers.set(f.keyName, id);
  }
  const vpcUsers = o.shared ? await liveInstancesByVpc(ec2, resources) : new Map<string, string>();
  const facts: Facts = {
    parents,
    groupUsers,
    byLaunch,
    keyUsers,
    now: o.now ?? Date.now(),
    graceMs: o.graceMs ?? LEFTOVER_GRACE_MS,
  };
  const plan: CleanupPlan = { region, delete: [], keep: [] };
  for (const r of resources) {
    const reason = r.shared ? sharedKeepReason(r, vpcUsers, o.shared === true) : ownKeepReason(r, facts);
    if (reason) plan.keep.push({ resource: r, reason });
    else plan.delete.push(r);
  }
  return plan;
}

const groupKey = (group: string, launchId: string | undefined) => `${group}\0${launchId ?? ''}`;

interface Facts {
  parents: Map<string, InstanceFacts>;
  /** `group\0launch-id` → a live instance of that `--count` group. */
  groupUsers: Map<string, string>;
  byLaunch: Map<string, string>;
  keyUsers: Map<string, string>;
  now: number;
  graceMs: number;
}

function ownKeepReason(r: SpawnResource, f: Facts): string | undefined {
  const parent = r.parent ? f.parents.get(r.parent) : undefined;
  if (parent && LIVE(parent.state)) return `its instance ${r.parent} is ${parent.state}`;
  // Volumes carry their instance's spawn:group too, but each belongs to its own instance.
  const member = r.group && r.kind !== 'volume' ? f.groupUsers.get(groupKey(r.group, r.launchId)) : undefined;
  if (member) return `shared by the group ${r.group}: ${member}`;
  const launch = r.launchId ? f.byLaunch.get(r.launchId) : undefined;
  if (launch) return `the instance of its launch ${launch}`;
  if (r.kind === 'volume' && r.state !== 'available') return `the volume is ${r.state ?? 'in use'}`;
  const user = r.keyName ? f.keyUsers.get(r.keyName) : undefined;
  if (r.kind === 'key-pair' && user) return `still used by ${user}`;
  if (parent) return undefined;
  // No instance vouches for its end: its own tags and its age must.
  if (!r.parent && !r.launchId && r.kind !== 'volume') return 'no spawn:parent or spawn:launch-id tag';
  if (r.createdAt === undefined) {
    return r.launchId ? 'its age is unknown, so its launch may still be running' : undefined;
  }
  const ageMs = f.now - r.createdAt;
  if (ageMs < f.graceMs) {
    const minutes = (ms: number) => Math.max(0, Math.round(ms / 60_000));
    return `created ${minutes(ageMs)} min ago: its launch may still be running (cleanup takes it from ${minutes(f.graceMs)} min on)`;
  }
  return undefined;
}

const NETWORK_KINDS = new Set(['vpc', 'subnet', 'route-table', 'internet-gateway']);

function vpcsOf(r: SpawnResource): string[] {
  if (!NETWORK_KINDS.has(r.kind)) return [];
  if (r.kind === 'vpc') return [r.id];
  return r.vpcId ? [r.vpcId] : (r.attachedVpcIds ?? []);
}

/** One live instance per VPC, for the VPCs the network resources belong to (any instance, spawn's or not). */
async function liveInstancesByVpc(ec2: EC2Client, resources: readonly SpawnResource[]) {
  const users = new Map<string, string>();
  const vpcIds = resources.flatMap(vpcsOf);
  if (vpcIds.length === 0) return users;
  const live = await describeBy(ec2, 'vpc-id', vpcIds, [
    { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] },
  ]);
  for (const [id, s] of live) if (s.vpcId && !users.has(s.vpcId)) users.set(s.vpcId, id);
  return users;
}

/** The network every launch of the region shares: only with --shared, and only once no instance lives in it. */
function sharedKeepReason(
  r: SpawnResource,
  vpcUsers: Map<string, string>,
  shared: boolean,
): string | undefined {
  if (!shared) return 'shared by every launch (`spawn cleanup --shared` removes it once unused)';
  const user = vpcsOf(r)
    .map((v) => vpcUsers.get(v))
    .find(Boolean);
  return user ? `its network is still used by ${user}` : undefined;
}
