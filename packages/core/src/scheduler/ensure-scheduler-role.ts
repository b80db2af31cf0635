import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
  type Role,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { isAwsError } from '../aws/aws-error-name.ts';
import { TAG } from '../tags.ts';
import { canonicalJson, decodePolicyDocument } from './_canonical-json.ts';
import { SCHEDULER_POLICY_NAME, SCHEDULER_ROLE_NAME } from './names.ts';
import { schedulerPolicyDocument, schedulerTrustPolicy } from './scheduler-policy.ts';

export interface SchedulerRole {
  roleArn: string;
  /** `created`: this call made it; `repaired`: its trust or policy was brought up to date; else `reused`. */
  outcome: 'created' | 'repaired' | 'reused';
}

/**
 * The scheduler role as IAM has it, or undefined when it does not exist (read-only). `_region` is
 * unused (IAM is global; the client's middleware words its errors).
 */
export async function findSchedulerRole(iam: IAMClient, _region?: string): Promise<Role | undefined> {
  const out = await iam
    .send(new GetRoleCommand({ RoleName: SCHEDULER_ROLE_NAME }))
    .catch((error: unknown) => {
      if (isAwsError(error, 'NoSuchEntity')) return undefined;
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
  o: {
    accountId: string;
    partition: string;
    region?: string;
    /** The launch's `--tag` values, set next to spawn's when the role is created. */
    userTags?: readonly { Key: string; Value: string }[];
  },
): Promise<SchedulerRole> {
  const trust = schedulerTrustPolicy(o);
  const policy = JSON.stringify(schedulerPolicyDocument(o));
  const getRole = () => findSchedulerRole(iam, o.region);
  let role = await getRole();
  let created = false;
  if (!role) {
    const made = await iam
      .send(
        new CreateRoleCommand({
          RoleName: SCHEDULER_ROLE_NAME,
          AssumeRolePolicyDocument: trust,
          Description: 'spawn: EventBridge Scheduler terminates spawn-managed instances at their deadline',
          Tags: [
            { Key: TAG.managed, Value: 'true' },
            { Key: TAG.resource, Value: 'iam-role' },
            ...(o.userTags ?? []),
          ],
        }),
      )
      .then(
        (out) => ({ role: out.Role, created: true }),
        async (error: unknown) => {
          // Another launch created it since we looked: adopt theirs (and repair it below if needed).
          if (!isAwsError(error, 'EntityAlreadyExists')) throw error;
          return { role: await getRole(), created: false };
        },
      );
    role = made.role;
    created = made.created;
  }
  let outcome: SchedulerRole['outcome'] = created ? 'created' : 'reused';
  if (!role?.Arn) throw new Error(`IAM returned no ARN for role ${SCHEDULER_ROLE_NAME}`);
  if (!created && !samePolicy(role.AssumeRolePolicyDocument, trust)) {
    await iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyDocument: trust }),
    );
    outcome = 'repaired';
  }
  const current = created
    ? undefined
    : await iam
        .send(new GetRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyName: SCHEDULER_POLICY_NAME }))
        .catch((error: unknown) => {
          if (isAwsError(error, 'NoSuchEntity')) return undefined;
          throw error;
        });
  if (!samePolicy(current?.PolicyDocument, policy)) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: SCHEDULER_ROLE_NAME,
        PolicyName: SCHEDULER_POLICY_NAME,
        PolicyDocument: policy,
      }),
    );
    if (outcome === 'reused') outcome = 'repaired';
  }
  return { roleArn: role.Arn, outcome };
}

function samePolicy(actual: string | undefined, wanted: string): boolean {
  const decoded = decodePolicyDocument(actual);
  return decoded !== undefined && canonicalJson(decoded) === canonicalJson(JSON.parse(wanted));
}
