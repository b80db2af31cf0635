import {
  DeleteRolePolicyCommand,
  GetInstanceProfileCommand,
  GetRolePolicyCommand,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { testStepContext } from '../_test-step-context.ts';
import { ensureInstanceProfile, findInstanceProfile } from './instance-profile.ts';

// `--iam-instance-profile`: the user's profile and role are read, never created or deleted; only
// spawnd's inline policy is put (after confirmation) and journalled. Against moto: launch-org-options.
const iamMock = mockClient(IAMClient);
const context = (o: { dryRun?: boolean } = {}) =>
  testStepContext({
    spec: { instanceProfileName: 'ml-profile' },
    clients: { iam: new IAMClient({}) },
    environment: { dryRun: o.dryRun ?? false },
  });
const ARN = 'arn:aws-cn:iam::123456789012:instance-profile/teams/ml/ml-profile';
const profile = (roles: string[]) => ({
  InstanceProfile: { Arn: ARN, Roles: roles.map((RoleName) => ({ RoleName })) } as never,
});
const noSuchEntity = () => new NoSuchEntityException({ message: 'not found', $metadata: {} });

beforeEach(() => {
  iamMock.reset();
  iamMock.on(PutRolePolicyCommand).resolves({});
  iamMock.on(DeleteRolePolicyCommand).resolves({});
});

describe('the user instance profile', () => {
  it("scopes spawnd's policy to the exact profile ARN (path and partition kept) and journals only the policy", async () => {
    iamMock.on(GetInstanceProfileCommand).resolves(profile(['ml-role']));
    iamMock.on(GetRolePolicyCommand).rejects(noSuchEntity());
    const ctx = context();
    const { value: plan } = await findInstanceProfile(ctx);
    expect(plan).toMatchObject({ kind: 'user', roleName: 'ml-role', policy: 'attach' });
    if (plan.kind !== 'user') throw new Error(plan.kind);
    const doc = JSON.parse(plan.policyDocument) as { Statement: { Resource: string; Condition?: object }[] };
    const profiles = doc.Statement.flatMap(
      (s) => JSON.stringify(s.Condition ?? {}).match(/arn:[^"]+profile[^"]*/g) ?? [],
    );
    expect(new Set(profiles)).toEqual(new Set([ARN]));
    expect(
      doc.Statement.filter((s) => s.Resource !== '*').every((s) => s.Resource.startsWith('arn:aws-cn:')),
    ).toBe(true);

    await ensureInstanceProfile(ctx, plan);
    expect(iamMock.commandCalls(PutRolePolicyCommand)[0]?.args[0].input).toMatchObject({
      RoleName: 'ml-role',
      PolicyName: 'spawnd-own-instance',
      PolicyDocument: plan.policyDocument,
    });
    expect(ctx.created.list().map((r) => `${r.kind} ${r.id}`)).toEqual([
      'inline policy ml-role/spawnd-own-instance',
    ]);
    const report = await ctx.created.rollback();
    expect(report.failed).toEqual([]);
    expect(iamMock.commandCalls(DeleteRolePolicyCommand)[0]?.args[0].input).toEqual({
      RoleName: 'ml-role',
      PolicyName: 'spawnd-own-instance',
    });
  });

  it('a dry run puts nothing and says what it would do', async () => {
    iamMock.on(GetInstanceProfileCommand).resolves(profile(['ml-role']));
    iamMock.on(GetRolePolicyCommand).rejects(noSuchEntity());
    const ctx = context({ dryRun: true });
    const { value: plan } = await findInstanceProfile(ctx);
    await ensureInstanceProfile(ctx, plan);
    expect(iamMock.commandCalls(PutRolePolicyCommand)).toEqual([]);
    expect(ctx.created.list()).toEqual([]);
    expect(ctx.notes.join('\n')).toContain('would add inline policy spawnd-own-instance on role ml-role');
  });

  it.each([
    [
      'a profile that does not exist',
      () => iamMock.on(GetInstanceProfileCommand).rejects(noSuchEntity()),
      'LAUNCH_RESOURCE_NOT_FOUND',
      8,
    ],
    [
      'a profile without a role',
      () => iamMock.on(GetInstanceProfileCommand).resolves(profile([])),
      'USAGE',
      2,
    ],
  ])('%s is refused in the lookup', async (_, arrange, code, exitCode) => {
    arrange();
    await expect(findInstanceProfile(context())).rejects.toMatchObject({ code, exitCode });
    expect(iamMock.commandCalls(PutRolePolicyCommand)).toEqual([]);
  });
});
