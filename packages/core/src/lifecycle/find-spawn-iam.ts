import { GetInstanceProfileCommand, GetRoleCommand, type IAMClient, type Tag } from '@aws-sdk/client-iam';
import { isAwsError } from '../aws/aws-error-name.ts';
import { SPAWND_ROLE_NAME } from '../launch/spawnd-policy.ts';
import { SCHEDULER_ROLE_NAME } from '../scheduler/names.ts';
import { TAG } from '../tags.ts';
import type { SpawnResource } from './spawn-resource.ts';

const isManaged = (tags: Tag[] | undefined) =>
  (tags ?? []).some((t) => t.Key === TAG.managed && t.Value === 'true');

/**
 * spawn's account-level IAM: spawnd's role and its instance profile, and the scheduler role. Each
 * is looked up by name (IAM is global: region `global`) and returned only when it carries
 * `spawn:managed=true`, so a same-named role someone else made is never touched.
 */
export async function findSpawnIam(iam: IAMClient): Promise<SpawnResource[]> {
  const get = async <T>(call: () => Promise<T>): Promise<T | undefined> =>
    call().catch((error: unknown) => {
      if (isAwsError(error, 'NoSuchEntity')) return undefined;
      throw error;
    });
  const [spawnd, profile, scheduler] = await Promise.all([
    get(() => iam.send(new GetRoleCommand({ RoleName: SPAWND_ROLE_NAME }))),
    get(() => iam.send(new GetInstanceProfileCommand({ InstanceProfileName: SPAWND_ROLE_NAME }))),
    get(() => iam.send(new GetRoleCommand({ RoleName: SCHEDULER_ROLE_NAME }))),
  ]);
  const found: SpawnResource[] = [];
  const p = profile?.InstanceProfile;
  if (p?.InstanceProfileName && isManaged(p.Tags)) {
    found.push({
      kind: 'instance-profile',
      id: p.InstanceProfileName,
      region: 'global',
      shared: true,
      arn: p.Arn,
      createdAt: p.CreateDate?.getTime(),
      roleNames: (p.Roles ?? []).flatMap((r) => (r.RoleName ? [r.RoleName] : [])),
    });
  }
  for (const role of [spawnd?.Role, scheduler?.Role]) {
    if (role?.RoleName && isManaged(role.Tags)) {
      found.push({
        kind: 'iam-role',
        id: role.RoleName,
        region: 'global',
        shared: true,
        arn: role.Arn,
        createdAt: role.CreateDate?.getTime(),
      });
    }
  }
  return found;
}
