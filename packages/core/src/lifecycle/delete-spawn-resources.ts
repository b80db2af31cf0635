import {
  DeleteInternetGatewayCommand,
  DeleteKeyPairCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVolumeCommand,
  DeleteVpcCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  type EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { awsErrorName } from '../aws/aws-error-name.ts';
import { translateAwsError } from '../aws/translate-aws-error.ts';
import type { UserError } from '../errors/user-error.ts';
import { deleteInstanceProfile, deleteRole } from './delete-iam.ts';
import { orderForDeletion } from './deletion-order.ts';
import type { SpawnResource } from './spawn-resource.ts';

export type DeletionResult =
  | { resource: SpawnResource; ok: true }
  | { resource: SpawnResource; ok: false; error: UserError };

export interface DeleteOptions {
  /** Needed for the shared IAM role and instance profile (`spawn cleanup --shared`). */
  iam?: IAMClient;
  /** Needed for `schedule` resources (the region's EventBridge Scheduler client). */
  scheduler?: SchedulerClient;
  /** Tries per resource while AWS still sees a dependency (ENIs of a just-terminated instance linger). */
  attempts?: number;
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onResult?: (result: DeletionResult) => void;
}

const RETRYABLE = new Set(['DependencyViolation', 'VolumeInUse', 'InvalidGroup.InUse', 'IncorrectState']);
const errorName = (e: unknown) => awsErrorName(e) ?? '';

/**
 * Deletes resources in dependency order, continuing past failures. Group references between the
 * security groups are revoked first so groups can go in any order; a resource that is already
 * gone counts as deleted.
 */
export async function deleteSpawnResources(
  ec2: EC2Client,
  resources: readonly SpawnResource[],
  o: DeleteOptions = {},
): Promise<DeletionResult[]> {
  const ordered = orderForDeletion(resources);
  for (const g of ordered.filter((r) => r.kind === 'security-group')) {
    if (g.groupRefIngress?.length) {
      await ec2
        .send(new RevokeSecurityGroupIngressCommand({ GroupId: g.id, IpPermissions: g.groupRefIngress }))
        .catch(() => undefined);
    }
    if (g.groupRefEgress?.length) {
      await ec2
        .send(new RevokeSecurityGroupEgressCommand({ GroupId: g.id, IpPermissions: g.groupRefEgress }))
        .catch(() => undefined);
    }
  }
  const results: DeletionResult[] = [];
  for (const resource of ordered) {
    const result = await deleteWithRetry(ec2, resource, o);
    results.push(result);
    o.onResult?.(result);
  }
  return results;
}

async function deleteWithRetry(ec2: EC2Client, r: SpawnResource, o: DeleteOptions): Promise<DeletionResult> {
  const attempts = Math.max(1, o.attempts ?? 1);
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      await deleteOne(ec2, r, o);
      return { resource: r, ok: true };
    } catch (error) {
      const name = errorName(error);
      if (name.endsWith('.NotFound') || name.startsWith('NoSuchEntity')) return { resource: r, ok: true };
      if (attempt >= attempts || !RETRYABLE.has(name)) {
        return { resource: r, ok: false, error: translateAwsError(error, { region: r.region }) };
      }
      await sleep(o.delayMs ?? 5000);
    }
  }
}

async function deleteOne(ec2: EC2Client, r: SpawnResource, o: DeleteOptions): Promise<void> {
  if (r.kind === 'schedule') {
    if (!o.scheduler || !r.parent)
      throw new Error(`deleting schedule ${r.id} needs a scheduler client and its instance id`);
    // Loaded on use: terminate and cleanup without schedules never load the Scheduler SDK.
    const { deleteTerminationSchedule } = await import('../scheduler/termination-schedule.ts');
    await deleteTerminationSchedule(o.scheduler, r.parent, r.region);
    return;
  }
  const iam = o.iam;
  if (r.kind === 'instance-profile' || r.kind === 'iam-role') {
    if (!iam) throw new Error(`deleting ${r.kind} ${r.id} needs an IAM client`);
    await (r.kind === 'iam-role' ? deleteRole(iam, r.id) : deleteInstanceProfile(iam, r.id, r.roleNames));
    return;
  }
  switch (r.kind) {
    case 'security-group':
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: r.id }));
      return;
    case 'key-pair':
      await ec2.send(new DeleteKeyPairCommand(r.keyName ? { KeyName: r.keyName } : { KeyPairId: r.id }));
      return;
    case 'internet-gateway':
      for (const VpcId of r.attachedVpcIds ?? []) {
        await ec2
          .send(new DetachInternetGatewayCommand({ InternetGatewayId: r.id, VpcId }))
          .catch((e: unknown) => {
            if (!errorName(e).endsWith('.NotFound') && errorName(e) !== 'Gateway.NotAttached') throw e;
          });
      }
      await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: r.id }));
      return;
    case 'subnet':
      await ec2.send(new DeleteSubnetCommand({ SubnetId: r.id }));
      return;
    case 'route-table':
      for (const AssociationId of r.associationIds ?? []) {
        await ec2.send(new DisassociateRouteTableCommand({ AssociationId })).catch(() => undefined);
      }
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: r.id }));
      return;
    case 'vpc':
      await ec2.send(new DeleteVpcCommand({ VpcId: r.id }));
      return;
    case 'volume':
      await ec2.send(new DeleteVolumeCommand({ VolumeId: r.id }));
      return;
  }
}
