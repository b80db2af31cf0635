import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  type Tag,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { TAG } from '../../tags.ts';
import { awsCall, type StepContext } from '../context.ts';

/** A shared, account-level IAM role (and optionally its instance profile of the same name). */
export interface SharedRoleSpec {
  roleName: string;
  /** The trust policy (JSON text). */
  trustPolicy: string;
  policyName: string;
  /** The inline permissions policy (JSON text), kept current on every launch. */
  policyDocument: string;
  description: string;
  tags: Tag[];
  /** Also ensure an instance profile named like the role, holding it. */
  profile: boolean;
  /** What a lookup just read about the profile (saves a GetInstanceProfile); undefined = read it. */
  profileSeen?: { exists: boolean; hasRole: boolean };
}

/** What had to be done; empty = the role was complete and current. */
export type RoleRepair = 'role' | 'trust' | 'policy' | 'profile' | 'profile-role';

/**
 * Create-or-adopt a shared role, then make it complete and current: trust policy, inline policy
 * (a role made by an older spawn gets today's permissions) and instance profile holding the role.
 * Each create tolerates losing a race to a concurrent launch (`EntityAlreadyExists`, or the
 * profile's one role slot already taken by our role). Never journalled: a launch never deletes it.
 */
export async function ensureSharedRole(ctx: StepContext, o: SharedRoleSpec): Promise<RoleRepair[]> {
  const iam = ctx.clients.iam;
  const done: RoleRepair[] = [];
  const role = await awsCall(ctx, 'GetRole', (c) => iam.send(new GetRoleCommand({ RoleName: o.roleName }), c))
    .then((r) => r.Role)
    .catch(ifNoSuchEntity);
  if (!role) {
    const created = await awsCall(ctx, 'CreateRole', (c) =>
      iam.send(
        new CreateRoleCommand({
          RoleName: o.roleName,
          AssumeRolePolicyDocument: o.trustPolicy,
          Description: o.description,
          Tags: o.tags,
        }),
        c,
      ),
    ).then(() => true, ifAlreadyExists);
    if (created) done.push('role');
  }
  const fresh = done.includes('role');
  if (role && !samePolicy(role.AssumeRolePolicyDocument, o.trustPolicy)) {
    await awsCall(ctx, 'UpdateAssumeRolePolicy', (c) =>
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: o.roleName, PolicyDocument: o.trustPolicy }), c),
    );
    done.push('trust');
  }
  // A role this launch just created has no policy yet: no need to ask.
  const current = fresh
    ? undefined
    : await awsCall(ctx, 'GetRolePolicy', (c) =>
        iam.send(new GetRolePolicyCommand({ RoleName: o.roleName, PolicyName: o.policyName }), c),
      )
        .then((r) => r.PolicyDocument)
        .catch(ifNoSuchEntity);
  if (!samePolicy(current, o.policyDocument)) {
    // Idempotent: two launches putting the same document both succeed.
    await awsCall(ctx, 'PutRolePolicy', (c) =>
      iam.send(
        new PutRolePolicyCommand({
          RoleName: o.roleName,
          PolicyName: o.policyName,
          PolicyDocument: o.policyDocument,
        }),
        c,
      ),
    );
    done.push('policy');
  }
  if (o.profile) done.push(...(await ensureProfile(ctx, o)));
  return done;
}

async function ensureProfile(ctx: StepContext, o: SharedRoleSpec): Promise<RoleRepair[]> {
  const iam = ctx.clients.iam;
  const done: RoleRepair[] = [];
  const get = () =>
    awsCall(ctx, 'GetInstanceProfile', (c) =>
      iam.send(new GetInstanceProfileCommand({ InstanceProfileName: o.roleName }), c),
    )
      .then((r) => r.InstanceProfile)
      .catch(ifNoSuchEntity);
  const profileTags = o.tags.map((t) => (t.Key === TAG.resource ? { ...t, Value: 'instance-profile' } : t));
  const seen = o.profileSeen;
  if (seen?.hasRole) return done;
  let hasRole = false;
  let exists = seen?.exists;
  if (exists === undefined) {
    const profile = await get();
    exists = profile !== undefined;
    hasRole = Boolean(profile?.Roles?.some((r) => r.RoleName === o.roleName));
  }
  if (!exists) {
    const created = await awsCall(ctx, 'CreateInstanceProfile', (c) =>
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: o.roleName, Tags: profileTags }), c),
    ).then(() => true, ifAlreadyExists);
    if (created) done.push('profile');
    // Ours is empty; theirs (lost race) may already hold the role.
    else hasRole = Boolean((await get())?.Roles?.some((r) => r.RoleName === o.roleName));
  }
  if (hasRole) return done;
  await awsCall(ctx, 'AddRoleToInstanceProfile', (c) =>
    iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: o.roleName, RoleName: o.roleName }),
      c,
    ),
  ).catch(async (error: unknown) => {
    // A concurrent launch attached it first (a profile holds one role): fine if it is ours.
    if (!isAwsError(error, 'LimitExceeded') && !isAwsError(error, 'EntityAlreadyExists')) throw error;
    const again = await get();
    if (!again?.Roles?.some((r) => r.RoleName === o.roleName)) throw error;
  });
  done.push('profile-role');
  return done;
}

function ifNoSuchEntity(error: unknown): undefined {
  if (isAwsError(error, 'NoSuchEntity')) return undefined;
  throw error;
}

/** Lost the create race to a concurrent launch: adopt theirs (the checks after make it complete). */
function ifAlreadyExists(error: unknown): false {
  if (isAwsError(error, 'EntityAlreadyExists')) return false;
  throw error;
}

/** Same JSON policy, whatever the encoding IAM returns (URL-encoded) and key order. */
export function samePolicy(actual: string | undefined, wanted: string): boolean {
  if (!actual) return false;
  try {
    return canonical(JSON.parse(decode(actual))) === canonical(JSON.parse(wanted));
  } catch {
    return false;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
