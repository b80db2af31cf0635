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

/** The scheduler role and its inline policy as a lookup read them (both undefined: none yet). */
export interface SeenSchedulerRole {
  role: Role | undefined;
  /** The inline policy document (URL-encoded as IAM returns it); undefined when there is none. */
  policy: string | undefined;
}

/**
 * Read-only, one round: the scheduler role and its inline policy, asked at the same time (a
 * policy of a missing role is NoSuchEntity too), so {@link ensureSchedulerRole} needs no read.
 */
export async function lookUpSchedulerRole(iam: IAMClient): Promise<SeenSchedulerRole> {
  const [role, policy] = await Promise.all([
    findSchedulerRole(iam),
    getPolicy(iam).then((out) => out?.PolicyDocument),
  ]);
  return { role, policy: role ? policy : undefined };
}

const getPolicy = (iam: IAMClient) =>
  iam
    .send(new GetRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyName: SCHEDULER_POLICY_NAME }))
    .catch((error: unknown) => {
      if (isAwsError(error, 'NoSuchEntity')) return undefined;
      throw error;
    });

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
    /** What a lookup of this launch already read ({@link lookUpSchedulerRole}): no read again. */
    seen?: SeenSchedulerRole;
    /** Called before each write; throws to stop (a launch whose sibling step failed creates nothing more). */
    beforeWrite?: () => void;
  },
): Promise<SchedulerRole> {
  const trust = schedulerTrustPolicy(o);
  const policy = JSON.stringify(schedulerPolicyDocument(o));
  const getRole = () => findSchedulerRole(iam, o.region);
  const write = <T>(fn: () => Promise<T>) => {
    o.beforeWrite?.();
    return fn();
  };
  let role = o.seen ? o.seen.role : await getRole();
  let created = false;
  if (!role) {
    const made = await write(() =>
      iam.send(
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
      ),
    ).then(
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
    await write(() =>
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyDocument: trust })),
    );
    outcome = 'repaired';
  }
  // A role just created has no policy; one the lookup read has the policy it read (a role adopted
  // from a concurrent launch's win is read again).
  const current = created ? undefined : o.seen?.role ? o.seen.policy : (await getPolicy(iam))?.PolicyDocument;
  if (!samePolicy(current, policy)) {
    await write(() =>
      iam.send(
        new PutRolePolicyCommand({
          RoleName: SCHEDULER_ROLE_NAME,
          PolicyName: SCHEDULER_POLICY_NAME,
          PolicyDocument: policy,
        }),
      ),
    );
    if (outcome === 'reused') outcome = 'repaired';
  }
  return { roleArn: role.Arn, outcome };
}

function samePolicy(actual: string | undefined, wanted: string): boolean {
  const decoded = decodePolicyDocument(actual);
  return decoded !== undefined && canonicalJson(decoded) === canonicalJson(JSON.parse(wanted));
}
