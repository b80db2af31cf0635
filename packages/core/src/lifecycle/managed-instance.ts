import type { Instance } from '@aws-sdk/client-ec2';
import type { Market } from '../protocol/schemas.ts';
import { TAG } from '../tags.ts';

/** A spawn-managed instance as the lifecycle commands see it: our camelCase view of EC2's shape. */
export interface ManagedInstance {
  instanceId: string;
  /** The Name tag, or the instance id when there is none. */
  name: string;
  instanceType: string;
  region: string;
  availabilityZone?: string;
  /** pending | running | stopping | stopped | shutting-down | terminated */
  state: string;
  /** EC2's LaunchTime: resets on every start, so it measures the current run. */
  launchedAt: string;
  market: Market;
  publicIp?: string;
  publicDns?: string;
  privateIp?: string;
  keyName?: string;
  hibernationConfigured: boolean;
  /** EBS volume ids attached to the instance. */
  volumeIds: string[];
  tags: Record<string, string>;
}

/** Translates EC2's Instance into a {@link ManagedInstance}. */
export function toManagedInstance(region: string, i: Instance): ManagedInstance {
  const tags: Record<string, string> = {};
  for (const t of i.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  const instanceId = i.InstanceId ?? '';
  return {
    instanceId,
    name: tags[TAG.name] || instanceId,
    instanceType: i.InstanceType ?? 'unknown',
    region,
    availabilityZone: i.Placement?.AvailabilityZone || undefined,
    state: i.State?.Name ?? 'unknown',
    launchedAt: (i.LaunchTime ?? new Date(0)).toISOString(),
    market: i.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
    publicIp: i.PublicIpAddress || undefined,
    publicDns: i.PublicDnsName || undefined,
    privateIp: i.PrivateIpAddress || undefined,
    keyName: i.KeyName || undefined,
    hibernationConfigured: i.HibernationOptions?.Configured === true,
    volumeIds: (i.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.VolumeId ? [b.Ebs.VolumeId] : [])),
    tags,
  };
}
