import {
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { isAwsError } from '../aws/aws-error-name.ts';

const ignoreNoSuchEntity = (e: unknown) => {
  if (!isAwsError(e, 'NoSuchEntity')) throw e;
};

/** Empties an instance profile (IAM refuses to delete one that holds a role), then deletes it. */
export async function deleteInstanceProfile(
  iam: IAMClient,
  name: string,
  roleNames: readonly string[] = [],
): Promise<void> {
  for (const RoleName of roleNames) {
    await iam
      .send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName }))
      .catch(ignoreNoSuchEntity);
  }
  await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name }));
}

/** Takes a role out of its profiles, drops its inline and attached policies (IAM requires it), then deletes it. */
export async function deleteRole(iam: IAMClient, RoleName: string): Promise<void> {
  const profiles = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName }));
  for (const p of profiles.InstanceProfiles ?? []) {
    await iam
      .send(
        new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: p.InstanceProfileName, RoleName }),
      )
      .catch(ignoreNoSuchEntity);
  }
  const inline = await iam.send(new ListRolePoliciesCommand({ RoleName }));
  for (const PolicyName of inline.PolicyNames ?? []) {
    await iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })).catch(ignoreNoSuchEntity);
  }
  const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
  for (const a of attached.AttachedPolicies ?? []) {
    await iam
      .send(new DetachRolePolicyCommand({ RoleName, PolicyArn: a.PolicyArn }))
      .catch(ignoreNoSuchEntity);
  }
  await iam.send(new DeleteRoleCommand({ RoleName }));
}
