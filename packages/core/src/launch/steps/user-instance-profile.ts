import {
  DeleteRolePolicyCommand,
  GetInstanceProfileCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { UserError } from '../../errors/user-error.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { PreparedProfile } from '../launch-result.ts';
import type { UserProfilePlan } from '../plan.ts';
import { SPAWND_POLICY_NAME, spawndPolicyDocument } from '../spawnd-policy.ts';
import type { Done } from '../step.ts';
import { samePolicy } from './shared-role.ts';

/**
 * Lookup (read-only) for `--iam-instance-profile NAME`: the profile must exist (exit 8) and hold a
 * role; spawnd's policy, scoped to instances launched with THIS profile, is then either on that
 * role already or to be put there inline once the user confirmed the plan that says so.
 */
export async function findUserProfile(ctx: StepContext, name: string): Promise<Done<UserProfilePlan>> {
  const iam = ctx.clients.iam;
  const found = await awsCall(ctx, 'GetInstanceProfile', (o) =>
    iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }), o),
  ).catch((error: unknown) => {
    if (isAwsError(error, 'NoSuchEntity')) return undefined;
    throw error;
  });
  const profile = found?.InstanceProfile;
  if (!profile?.Arn) {
    throw new UserError('LAUNCH_RESOURCE_NOT_FOUND', `Instance profile "${name}" does not exist.`, {
      hint: 'Check the name (`aws iam list-instance-profiles`), or omit --iam-instance-profile to let spawn use its own spawnd-agent role. Nothing was created.',
    });
  }
  const roleName = profile.Roles?.[0]?.RoleName;
  if (!roleName) {
    throw new UserError(
      'USAGE',
      `Instance profile "${name}" holds no role, so spawnd could not act on its instance.`,
      {
        hint: `Add a role to it (\`aws iam add-role-to-instance-profile --instance-profile-name ${name} --role-name ROLE\`), or omit --iam-instance-profile.`,
      },
    );
  }
  const partition = profile.Arn.split(':')[1] ?? 'aws';
  const policyDocument = JSON.stringify(spawndPolicyDocument(partition, { profileArn: profile.Arn }));
  const current = await awsCall(ctx, 'GetRolePolicy', (o) =>
    iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: SPAWND_POLICY_NAME }), o),
  ).then(
    (r) => r.PolicyDocument,
    (error: unknown) => {
      if (isAwsError(error, 'NoSuchEntity')) return undefined;
      throw error;
    },
  );
  const policy =
    current === undefined ? 'attach' : samePolicy(current, policyDocument) ? 'present' : 'update';
  const plan: UserProfilePlan = {
    kind: 'user',
    name,
    roleName,
    policyName: SPAWND_POLICY_NAME,
    policyDocument,
    policy,
    ...(policy === 'update' && current ? { previousDocument: decodePolicy(current) } : {}),
  };
  return { line: userProfileText(plan), value: plan };
}

/** The plan's words for the user's profile and what happens to its role. */
export function userProfileText(plan: UserProfilePlan): string {
  const what = {
    present: `spawnd's inline policy ${plan.policyName} already on role ${plan.roleName}`,
    attach: `spawnd's policy to ADD to your role ${plan.roleName} as inline policy ${plan.policyName} (removed again if the launch fails)`,
    update: `spawnd's inline policy ${plan.policyName} on your role ${plan.roleName} to UPDATE (put back if the launch fails)`,
  }[plan.policy];
  return `Instance profile ${plan.name} (--iam-instance-profile, yours): ${what}`;
}

/**
 * After confirmation: puts spawnd's policy inline on the user's role and journals only that (the
 * rollback deletes the policy, or restores the document it replaced), never the role or profile.
 */
export async function ensureUserProfile(
  ctx: StepContext,
  plan: UserProfilePlan,
): Promise<Done<PreparedProfile>> {
  const iam = ctx.clients.iam;
  const value = { name: plan.name, exists: true };
  if (plan.policy === 'present') return { line: userProfileText(plan), value };
  const { roleName, policyName } = plan;
  if (ctx.environment.dryRun) {
    ctx.notes.push(
      `would ${plan.policy === 'attach' ? 'add' : 'update'} inline policy ${policyName} on role ${roleName} (IAM has no DryRun: not verified)`,
    );
    return { line: userProfileText(plan), value };
  }
  const put = (document: string, signal?: AbortSignal) =>
    awsCall(
      ctx,
      'PutRolePolicy',
      (o) =>
        iam.send(
          new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: document }),
          o,
        ),
      signal ? { signal } : {},
    ).then(() => undefined);
  await put(plan.policyDocument);
  const previous = plan.previousDocument;
  ctx.created.add({
    kind: 'inline policy',
    id: `${roleName}/${policyName}`,
    remove: (signal) =>
      previous
        ? put(previous, signal)
        : awsCall(
            ctx,
            'DeleteRolePolicy',
            (o) => iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }), o),
            { signal },
          ).then(() => undefined),
  });
  const did = plan.policy === 'attach' ? 'added' : 'updated';
  return {
    line: `Instance profile ${plan.name} (yours): spawnd's inline policy ${policyName} ${did} on role ${roleName}`,
    value,
  };
}

function decodePolicy(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
