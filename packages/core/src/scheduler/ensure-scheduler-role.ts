import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
  type Role,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { withAwsErrors } from '../aws/translate-aws-error.ts';
import { isUserError, type UserError } from '../errors/user-error.ts';
import { TAG } from '../tags.ts';
import { canonicalJson, decodePolicyDocument } from './_canonical-json.ts';
import { SCHEDULER_POLICY_NAME, SCHEDULER_ROLE_NAME } from './names.ts';
import { schedulerPolicyDocument, schedulerTrustPolicy } from './scheduler-policy.ts';

export interface SchedulerRole {
  roleArn: string;
  /** `created`: this call made it; `repaired`: its trust or policy was brought up to date; else `reused`. */
  outcome: 'created' | 'repaired' | 'reused';
}

/** Matches IAM's wire code (`NoSuchEntity`) or the SDK's exception name (`NoSuchEntityException`). */
export function isAwsErrorNamed(error: unknown, code: string): boolean {
  const name = isUserError(error)
    ? (error as UserError).details?.awsErrorName
    : (error as { name?: string } | undefined)?.name;
  return name === code || name === `${code}Exception`;
}

/** The scheduler role as IAM has it, or undefined when it does not exist (read-only). */
export async function findSchedulerRole(iam: IAMClient, region?: string): Promise<Role | undefined> {
  const out = await withAwsErrors(() => iam.send(new GetRoleCommand({ RoleName: SCHEDULER_ROLE_NAME })), {
    region,
    operation: 'GetRole',
  }).catch((error: unknown) => {
    if (isAwsErrorNamed(error, 'NoSuchEntity')) return undefined;
    throw error;
  });
  return out?.Role;
}

/**
 * The account's scheduler role, created once and shared by every launch (never deleted by a
 * rollback). Race-safe: a lost CreateRole race adopts the winner's role. A half-made or outdated
 * role (missing policy, other trust) is repaired, so an older spawn's role gets today's policy.
 */
export async function ensureSchedulerRole(
  iam: IAMClient,
  o: { accountId: string; partition: string; region?: string },
): Promise<SchedulerRole> {
  const ctx = (operation: string) => ({ region: o.region, operation });
  const trust = schedulerTrustPolicy(o);
  const policy = JSON.stringify(schedulerPolicyDocument(o));
  const getRole = () => findSchedulerRole(iam, o.region);
  let role = await getRole();
  let created = false;
  if (!role) {
    const made = await withAwsErrors(
      () =>
        iam.send(
          new CreateRoleCommand({
            RoleName: SCHEDULER_ROLE_NAME,
            AssumeRolePolicyDocument: trust,
            Description: 'spawn: EventBridge Scheduler terminates spawn-managed instances at their deadline',
            Tags: [
              { Key: TAG.managed, Value: 'true' },
              { Key: TAG.resource, Value: 'iam-role' },
            ],
          }),
        ),
      ctx('CreateRole'),
    ).then(
      (out) => ({ role: out.Role, created: true }),
      async (error: unknown) => {
        // Another launch created it since we looked: adopt theirs (and repair it below if needed).
        if (!isAwsErrorNamed(error, 'EntityAlreadyExists')) throw error;
        return { role: await getRole(), created: false };
      },
    );
    role = made.role;
    created = made.created;
  }
  let outcome: SchedulerRole['outcome'] = created ? 'created' : 'reused';
  if (!role?.Arn) throw new Error(`IAM returned no ARN for role ${SCHEDULER_ROLE_NAME}`);
  if (!created && !samePolicy(role.AssumeRolePolicyDocument, trust)) {
    await withAwsErrors(
      () =>
        iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyDocument: trust })),
      ctx('UpdateAssumeRolePolicy'),
    );
    outcome = 'repaired';
  }
  const current = created
    ? undefined
    : await withAwsErrors(
        () =>
          iam.send(
            new GetRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyName: SCHEDULER_POLICY_NAME }),
          ),
        ctx('GetRolePolicy'),
      ).catch((error: unknown) => {
        if (isAwsErrorNamed(error, 'NoSuchEntity')) return undefined;
        throw error;
      });
  if (!samePolicy(current?.PolicyDocument, policy)) {
    await withAwsErrors(
      () =>
        iam.send(
          new PutRolePolicyCommand({
            RoleName: SCHEDULER_ROLE_NAME,
            PolicyName: SCHEDULER_POLICY_NAME,
            PolicyDocument: policy,
          }),
        ),
      ctx('PutRolePolicy'),
    );
    if (outcome === 'reused') outcome = 'repaired';
  }
  return { roleArn: role.Arn, outcome };
}

function samePolicy(actual: string | undefined, wanted: string): boolean {
  const decoded = decodePolicyDocument(actual);
  return decoded !== undefined && canonicalJson(decoded) === canonicalJson(JSON.parse(wanted));
}
