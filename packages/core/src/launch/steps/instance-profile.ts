import { GetInstanceProfileCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { TAG } from '../../tags.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { PreparedProfile } from '../launch-result.ts';
import type { ProfilePlan } from '../plan.ts';
import {
  ec2TrustPolicy,
  SPAWND_POLICY_NAME,
  SPAWND_ROLE_NAME,
  spawndPolicyDocument,
} from '../spawnd-policy.ts';
import type { Done } from '../step.ts';
import { ensureSharedRole } from './shared-role.ts';
import { ensureUserProfile, findUserProfile } from './user-instance-profile.ts';

/** IAM actions a dry run cannot check: EC2 has DryRun, IAM has none (and no simulation here). */
export const IAM_ACTIONS_NOT_VERIFIED = [
  'iam:GetRole',
  'iam:CreateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:GetRolePolicy',
  'iam:PutRolePolicy',
  'iam:GetInstanceProfile',
  'iam:CreateInstanceProfile',
  'iam:AddRoleToInstanceProfile',
  'iam:PassRole',
] as const;

/**
 * The profile and the role's inline policy at once (one round): the profile's copy of the role
 * carries its trust policy, so a launch finding both current reads nothing more.
 */
async function lookUpProfile(ctx: StepContext): Promise<ProfilePlan> {
  const name = SPAWND_ROLE_NAME;
  const [existing, policy] = await Promise.all([
    awsCall(ctx, 'GetInstanceProfile', (o) =>
      ctx.clients.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }), o),
    ).catch(ifNoSuchEntity),
    awsCall(ctx, 'GetRolePolicy', (o) =>
      ctx.clients.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: SPAWND_POLICY_NAME }), o),
    ).catch(ifNoSuchEntity),
  ]);
  const profile = existing?.InstanceProfile;
  const held = profile?.Roles?.find((r) => r.RoleName === name);
  const role = { trust: held?.AssumeRolePolicyDocument, policy: policy?.PolicyDocument };
  if (held) return { kind: 'ready', name, role };
  return { kind: 'to-create', name, profileExists: profile !== undefined, role };
}

function ifNoSuchEntity(error: unknown): undefined {
  if (isAwsError(error, 'NoSuchEntity')) return undefined;
  throw error;
}

/** Lookup (read-only): does spawnd's role and instance profile already exist? */
export async function findInstanceProfile(ctx: StepContext): Promise<Done<ProfilePlan>> {
  if (ctx.spec.instanceProfileName) return findUserProfile(ctx, ctx.spec.instanceProfileName);
  const plan = await lookUpProfile(ctx);
  return {
    line: `spawnd role and instance profile ${SPAWND_ROLE_NAME} (${plan.kind === 'ready' ? 'reused' : 'to create'})`,
    value: plan,
  };
}

/**
 * spawnd's role and instance profile: SHARED by every launch in the account, so created or adopted
 * idempotently and repaired when half-made (no profile, profile without role, old policy, wrong
 * trust), never journalled and never deleted by a rollback (only `spawn cleanup --shared`).
 * `seen` is what the lookup found (undefined: not looked up, read it here).
 */
export async function ensureInstanceProfile(
  ctx: StepContext,
  seen?: ProfilePlan,
): Promise<Done<PreparedProfile>> {
  if (seen?.kind === 'user') return ensureUserProfile(ctx, seen);
  const name = SPAWND_ROLE_NAME;
  const line = (what: string) => `spawnd role and instance profile ${name} (${what})`;
  if (ctx.environment.dryRun) {
    const found = seen ?? (await lookUpProfile(ctx));
    ctx.notes.push(
      `IAM permissions NOT verified by the dry run (IAM has no DryRun): ${IAM_ACTIONS_NOT_VERIFIED.join(', ')}`,
    );
    if (found.kind === 'ready') return { line: line('reused'), value: { name, exists: true } };
    ctx.notes.push(`would create IAM role and instance profile ${name} (policy ${SPAWND_POLICY_NAME})`);
    return { line: line('would create'), value: { name, exists: false } };
  }
  const done = await ensureSharedRole(ctx, {
    roleName: name,
    trustPolicy: ec2TrustPolicy(),
    policyName: SPAWND_POLICY_NAME,
    policyDocument: JSON.stringify(spawndPolicyDocument()),
    description: 'spawnd: lets a spawn instance read its tags and stop or terminate only itself',
    tags: [
      { Key: TAG.managed, Value: 'true' },
      { Key: TAG.resource, Value: 'iam-role' },
      ...(ctx.spec.userTags ?? []),
    ],
    profile: true,
    profileSeen:
      seen === undefined
        ? undefined
        : seen.kind === 'ready'
          ? { exists: true, hasRole: true }
          : { exists: seen.profileExists, hasRole: false },
    roleSeen: seen?.role,
  });
  const value = { name, exists: true };
  if (done.includes('role')) return { line: line('created'), value };
  if (done.length > 0) return { line: line(`repaired: ${done.join(', ')}`), value };
  return { line: line('reused'), value };
}
