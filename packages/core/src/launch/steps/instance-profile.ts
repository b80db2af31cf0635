import { GetInstanceProfileCommand } from '@aws-sdk/client-iam';
import { TAG } from '../../tags.ts';
import { awsCall, isAwsName, type StepContext } from '../context.ts';
import {
  ec2TrustPolicy,
  SPAWND_POLICY_NAME,
  SPAWND_ROLE_NAME,
  spawndPolicyDocument,
} from '../spawnd-policy.ts';
import { ensureSharedRole } from './shared-role.ts';

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

async function getInstanceProfile(ctx: StepContext) {
  const name = SPAWND_ROLE_NAME;
  ctx.state.instanceProfileName = name;
  const existing = await awsCall(ctx, 'GetInstanceProfile', (o) =>
    ctx.clients.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }), o),
  ).catch((error: unknown) => {
    if (isAwsName(error, 'NoSuchEntity')) return undefined;
    throw error;
  });
  ctx.state.instanceProfileFound = existing?.InstanceProfile !== undefined;
  ctx.state.instanceProfileReady = Boolean(
    existing?.InstanceProfile?.Roles?.some((r) => r.RoleName === name),
  );
  return existing;
}

/** Lookup (read-only): does spawnd's role and instance profile already exist? */
export async function findInstanceProfile(ctx: StepContext): Promise<string> {
  await getInstanceProfile(ctx);
  return `spawnd role and instance profile ${SPAWND_ROLE_NAME} (${ctx.state.instanceProfileReady ? 'reused' : 'to create'})`;
}

/**
 * spawnd's role and instance profile: SHARED by every launch in the account, so created or adopted
 * idempotently and repaired when half-made (no profile, profile without role, old policy, wrong
 * trust), never journalled and never deleted by a rollback (only `spawn cleanup --shared`).
 */
export async function ensureInstanceProfile(ctx: StepContext): Promise<string> {
  const name = SPAWND_ROLE_NAME;
  ctx.state.instanceProfileName = name;
  if (ctx.environment.dryRun) {
    if (ctx.state.instanceProfileFound === undefined) await getInstanceProfile(ctx);
    ctx.state.notes.push(
      `IAM permissions NOT verified by the dry run (IAM has no DryRun): ${IAM_ACTIONS_NOT_VERIFIED.join(', ')}`,
    );
    if (ctx.state.instanceProfileReady) return `spawnd role and instance profile ${name} (reused)`;
    ctx.state.missing = [...(ctx.state.missing ?? []), 'profile'];
    ctx.state.notes.push(`would create IAM role and instance profile ${name} (policy ${SPAWND_POLICY_NAME})`);
    return `spawnd role and instance profile ${name} (would create)`;
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
    ],
    profile: true,
    profileSeen:
      ctx.state.instanceProfileFound === undefined
        ? undefined
        : { exists: ctx.state.instanceProfileFound, hasRole: ctx.state.instanceProfileReady === true },
  });
  ctx.state.instanceProfileReady = true;
  if (done.includes('role')) return `spawnd role and instance profile ${name} (created)`;
  if (done.length > 0) return `spawnd role and instance profile ${name} (repaired: ${done.join(', ')})`;
  return `spawnd role and instance profile ${name} (reused)`;
}
