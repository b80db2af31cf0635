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
  /** What a lookup just read about the role (saves GetRole and GetRolePolicy); undefined = read it. */
  roleSeen?: SeenRole;
}

/**
 * The role as a lookup read it. `trust` set: the role exists with that trust policy (the instance
 * profile's copy of the role carries it). `policy`: the inline policy document, undefined when
 * GetRolePolicy found none (then the role may not exist either).
 */
export interface SeenRole {
  trust?: string;
  policy: string | undefined;
}

/** What had to be done; empty = the role was complete and current. */
export type RoleRepair = 'role' | 'trust' | 'policy' | 'profile' | 'profile-role';

/**
 * Create-or-adopt a shared role, then make it complete and current: trust policy, inline policy
 * (a role made by an older spawn gets today's permissions) and instance profile holding the role.
 * Each create tolerates losing a race to a concurrent launch (`EntityAlreadyExists`, or the
 * profile's one role slot already taken by our role). Never journalled: a launch never deletes it.
 * The role and the profile are independent until the role is put in the profile: on an account's
 * first launch that is CreateRole with CreateInstanceProfile, then PutRolePolicy with
 * AddRoleToInstanceProfile (two rounds, not four). The first failure stops both chains (no write
 * starts after it) and is thrown once both have settled.
 */
export async function ensureSharedRole(ctx: StepContext, o: SharedRoleSpec): Promise<RoleRepair[]> {
  const stop = new AbortController();
  const sub: StepContext = {
    ...ctx,
    cancelled: ctx.cancelled ? AbortSignal.any([ctx.cancelled, stop.signal]) : stop.signal,
  };
  const watch = <T>(p: Promise<T>) =>
    p.catch((error: unknown) => {
      stop.abort();
      throw error;
    });
  const role = watch(ensureRoleExists(sub, o));
  const profile = watch(o.profile ? ensureProfileExists(sub, o) : Promise.resolve(undefined));
  const policy = watch(role.then((r) => ensureRolePolicy(sub, o, r)));
  const attach = watch(
    Promise.all([role, profile]).then(([, p]) => (p && !p.hasRole ? addRoleToProfile(sub, o) : [])),
  );
  const settled = await Promise.allSettled([role, profile, policy, attach]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const [r, p, pol, att] = settled.map((x) => (x.status === 'fulfilled' ? x.value : undefined)) as [
    Awaited<typeof role>,
    Awaited<typeof profile>,
    RoleRepair[],
    RoleRepair[],
  ];
  return [...r.done, ...pol, ...(p?.done ?? []), ...att];
}

/** The role exists with the wanted trust policy when this resolves; `fresh`: this launch made it. */
async function ensureRoleExists(
  ctx: StepContext,
  o: SharedRoleSpec,
): Promise<{ fresh: boolean; done: RoleRepair[] }> {
  const iam = ctx.clients.iam;
  const done: RoleRepair[] = [];
  const getRole = () =>
    awsCall(ctx, 'GetRole', (c) => iam.send(new GetRoleCommand({ RoleName: o.roleName }), c))
      .then((r) => r.Role)
      .catch(ifNoSuchEntity);
  const seen = o.roleSeen;
  // The lookup saw no profile holding it and no policy: most likely no role, so create it at once
  // (a lost race or a half-made role answers EntityAlreadyExists, and is read then).
  const tryCreate = seen !== undefined && seen.trust === undefined && seen.policy === undefined;
  let trust = seen?.trust;
  if (trust === undefined && !tryCreate) {
    const role = await getRole();
    trust = role ? (role.AssumeRolePolicyDocument ?? '') : undefined;
  }
  if (trust === undefined) {
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
    if (created) return { fresh: true, done: ['role'] };
    // Someone else's (a concurrent launch, or a half-made one): check its trust like any other.
    if (tryCreate) trust = (await getRole())?.AssumeRolePolicyDocument;
  }
  if (trust !== undefined && !samePolicy(trust, o.trustPolicy)) {
    await awsCall(ctx, 'UpdateAssumeRolePolicy', (c) =>
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: o.roleName, PolicyDocument: o.trustPolicy }), c),
    );
    done.push('trust');
  }
  return { fresh: false, done };
}

/** The inline policy is today's when this resolves (put unless the role already had it). */
async function ensureRolePolicy(
  ctx: StepContext,
  o: SharedRoleSpec,
  role: { fresh: boolean },
): Promise<RoleRepair[]> {
  const iam = ctx.clients.iam;
  // A role this launch just created has no policy yet; one the lookup read has the policy it read.
  const current = role.fresh
    ? undefined
    : o.roleSeen?.trust !== undefined
      ? o.roleSeen.policy
      : await awsCall(ctx, 'GetRolePolicy', (c) =>
          iam.send(new GetRolePolicyCommand({ RoleName: o.roleName, PolicyName: o.policyName }), c),
        )
          .then((r) => r.PolicyDocument)
          .catch(ifNoSuchEntity);
  if (samePolicy(current, o.policyDocument)) return [];
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
  return ['policy'];
}

const getProfile = (ctx: StepContext, o: SharedRoleSpec) =>
  awsCall(ctx, 'GetInstanceProfile', (c) =>
    ctx.clients.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: o.roleName }), c),
  )
    .then((r) => r.InstanceProfile)
    .catch(ifNoSuchEntity);

/** The instance profile exists when this resolves; `hasRole`: it already holds the role. */
async function ensureProfileExists(
  ctx: StepContext,
  o: SharedRoleSpec,
): Promise<{ hasRole: boolean; done: RoleRepair[] }> {
  const profileTags = o.tags.map((t) => (t.Key === TAG.resource ? { ...t, Value: 'instance-profile' } : t));
  const seen = o.profileSeen;
  if (seen?.hasRole) return { hasRole: true, done: [] };
  let hasRole = false;
  let exists = seen?.exists;
  if (exists === undefined) {
    const profile = await getProfile(ctx, o);
    exists = profile !== undefined;
    hasRole = Boolean(profile?.Roles?.some((r) => r.RoleName === o.roleName));
  }
  if (exists) return { hasRole, done: [] };
  const created = await awsCall(ctx, 'CreateInstanceProfile', (c) =>
    ctx.clients.iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: o.roleName, Tags: profileTags }),
      c,
    ),
  ).then(() => true, ifAlreadyExists);
  if (created) return { hasRole: false, done: ['profile'] };
  // Ours is empty; theirs (lost race) may already hold the role.
  return {
    hasRole: Boolean((await getProfile(ctx, o))?.Roles?.some((r) => r.RoleName === o.roleName)),
    done: [],
  };
}

/** Puts the role in its profile (once both exist). */
async function addRoleToProfile(ctx: StepContext, o: SharedRoleSpec): Promise<RoleRepair[]> {
  await awsCall(ctx, 'AddRoleToInstanceProfile', (c) =>
    ctx.clients.iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: o.roleName, RoleName: o.roleName }),
      c,
    ),
  ).catch(async (error: unknown) => {
    // A concurrent launch attached it first (a profile holds one role): fine if it is ours.
    if (!isAwsError(error, 'LimitExceeded') && !isAwsError(error, 'EntityAlreadyExists')) throw error;
    const again = await getProfile(ctx, o);
    if (!again?.Roles?.some((r) => r.RoleName === o.roleName)) throw error;
  });
  return ['profile-role'];
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
    // Code-unit order: any fixed order will do, and the first localeCompare loads ICU (~13 ms).
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
