import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetInstanceProfileCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import type { UserError } from '../../errors/user-error.ts';
import { TAG } from '../../tags.ts';
import { awsCall, type StepContext } from '../context.ts';
import {
  ec2TrustPolicy,
  SPAWND_POLICY_NAME,
  SPAWND_ROLE_NAME,
  spawndPolicyDocument,
} from '../spawnd-policy.ts';

/** IAM's error code on the wire (`NoSuchEntity`) or the SDK's exception name (`NoSuchEntityException`). */
const isIamError = (e: UserError, code: string) =>
  e.details?.awsErrorName === code || e.details?.awsErrorName === `${code}Exception`;

async function getInstanceProfile(ctx: StepContext) {
  const name = SPAWND_ROLE_NAME;
  ctx.state.instanceProfileName = name;
  const existing = await awsCall(ctx, 'GetInstanceProfile', () =>
    ctx.clients.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name })),
  ).catch((error: UserError) => {
    if (isIamError(error, 'NoSuchEntity')) return undefined;
    throw error;
  });
  ctx.state.instanceProfileFound = existing?.InstanceProfile !== undefined;
  ctx.state.instanceProfileReady = Boolean(existing?.InstanceProfile?.Roles?.length);
  return existing;
}

/** Lookup (read-only): does spawnd's role and instance profile already exist? */
export async function findInstanceProfile(ctx: StepContext): Promise<string> {
  await getInstanceProfile(ctx);
  return `spawnd role and instance profile ${SPAWND_ROLE_NAME} (${ctx.state.instanceProfileReady ? 'reused' : 'to create'})`;
}

/** spawnd's role and instance profile: created once per account (least privilege), reused after. */
export async function ensureInstanceProfile(ctx: StepContext): Promise<string> {
  const iam = ctx.clients.iam;
  const name = SPAWND_ROLE_NAME;
  ctx.state.instanceProfileName = name;
  if (ctx.state.instanceProfileReady) return `spawnd role and instance profile ${name} (reused)`;
  // The lookup already asked (one GetInstanceProfile per launch); ask only if it did not run.
  if (ctx.state.instanceProfileFound === undefined) await getInstanceProfile(ctx);
  if (ctx.state.instanceProfileReady) return `spawnd role and instance profile ${name} (reused)`;
  if (ctx.environment.dryRun) {
    ctx.state.missing = [...(ctx.state.missing ?? []), 'profile'];
    ctx.state.notes.push(`would create IAM role and instance profile ${name} (policy ${SPAWND_POLICY_NAME})`);
    return `spawnd role and instance profile ${name} (would create)`;
  }
  const tags = [
    { Key: TAG.managed, Value: 'true' },
    { Key: TAG.resource, Value: 'iam-role' },
  ];
  const raced = await awsCall(ctx, 'CreateRole', () =>
    iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: ec2TrustPolicy(),
        Description: 'spawnd: lets a spawn instance read its tags and stop or terminate only itself',
        Tags: tags,
      }),
    ),
  ).then(
    () => false,
    async (error: UserError) => {
      // Another launch made it since the lookup: use theirs once it is complete.
      if (!isIamError(error, 'EntityAlreadyExists')) throw error;
      await getInstanceProfile(ctx);
      if (!ctx.state.instanceProfileReady) throw error;
      return true;
    },
  );
  if (raced) return `spawnd role and instance profile ${name} (reused)`;
  ctx.created.add({
    kind: 'IAM role',
    id: name,
    remove: async () => {
      await iam
        .send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: SPAWND_POLICY_NAME }))
        .catch(() => {});
      await awsCall(ctx, 'DeleteRole', () => iam.send(new DeleteRoleCommand({ RoleName: name })));
    },
  });
  await awsCall(ctx, 'PutRolePolicy', () =>
    iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: SPAWND_POLICY_NAME,
        PolicyDocument: JSON.stringify(spawndPolicyDocument()),
      }),
    ),
  );
  if (!ctx.state.instanceProfileFound) {
    await awsCall(ctx, 'CreateInstanceProfile', () =>
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Tags: tags })),
    );
    ctx.created.add({
      kind: 'instance profile',
      id: name,
      remove: () =>
        awsCall(ctx, 'DeleteInstanceProfile', () =>
          iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name })),
        ).then(() => undefined),
    });
  }
  await awsCall(ctx, 'AddRoleToInstanceProfile', () =>
    iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name })),
  );
  ctx.created.add({
    kind: 'role in instance profile',
    id: name,
    remove: () =>
      awsCall(ctx, 'RemoveRoleFromInstanceProfile', () =>
        iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName: name })),
      ).then(() => undefined),
  });
  return `spawnd role and instance profile ${name} (created)`;
}
