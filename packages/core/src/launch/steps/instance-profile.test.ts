import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  LimitExceededException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { testStepContext } from '../_test-step-context.ts';
import { ec2TrustPolicy, spawndPolicyDocument } from '../spawnd-policy.ts';
import { ensureInstanceProfile, findInstanceProfile } from './instance-profile.ts';
import { samePolicy } from './shared-role.ts';

// IAM call sequences, half-made roles and the races between launches, against a mocked client;
// the whole chain (and five concurrent first launches) also runs against moto in launch-*.test.ts.
// Issue 12: the role and profile are SHARED, so nothing here is ever journalled for rollback.
const iamMock = mockClient(IAMClient);

const context = () => testStepContext({ clients: { iam: new IAMClient({}) } });
const noSuchEntity = () => new NoSuchEntityException({ message: 'not found', $metadata: {} });
const exists = () => new EntityAlreadyExistsException({ message: 'exists', $metadata: {} });
const calls = () =>
  iamMock.calls().map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''));
const CURRENT = JSON.stringify(spawndPolicyDocument());
const role = (trust = ec2TrustPolicy()) => ({
  Role: { RoleName: 'spawnd-agent', AssumeRolePolicyDocument: encodeURIComponent(trust) } as never,
});
const withRole = { InstanceProfile: { Roles: [{ RoleName: 'spawnd-agent' }] } as never };

beforeEach(() => {
  iamMock.reset();
  iamMock.on(CreateRoleCommand).resolves({});
  iamMock.on(PutRolePolicyCommand).resolves({});
  iamMock.on(CreateInstanceProfileCommand).resolves({});
  iamMock.on(AddRoleToInstanceProfileCommand).resolves({});
  iamMock.on(UpdateAssumeRolePolicyCommand).resolves({});
});

describe('spawnd role and instance profile (shared, create-or-adopt, repaired)', () => {
  it('a first launch creates role, policy, profile and attachment, and journals none of it', async () => {
    iamMock
      .on(GetInstanceProfileCommand)
      .rejectsOnce(noSuchEntity())
      .rejectsOnce(noSuchEntity())
      .resolves({
        InstanceProfile: { Roles: [] } as never,
      });
    iamMock.on(GetRoleCommand).rejects(noSuchEntity());
    iamMock.on(GetRolePolicyCommand).rejects(noSuchEntity());
    const ctx = context();
    const found = await findInstanceProfile(ctx);
    expect(found.line).toContain('to create');
    expect((await ensureInstanceProfile(ctx, found.value)).line).toContain('(created)');
    // The lookup's answer and our own creates are trusted: no read is repeated (no GetRole: neither
    // a profile holding it nor a policy was found). Role and profile are made at once, then the
    // policy and the attachment: two rounds, not four.
    expect(calls()).toEqual([
      'GetInstanceProfile',
      'GetRolePolicy',
      'CreateRole',
      'CreateInstanceProfile',
      'PutRolePolicy',
      'AddRoleToInstanceProfile',
    ]);
    expect(ctx.created.list()).toEqual([]);
  });

  it("a steady-state launch reads the profile (with the role's trust) and the policy once, then nothing", async () => {
    iamMock.on(GetInstanceProfileCommand).resolves({
      InstanceProfile: {
        Roles: [{ RoleName: 'spawnd-agent', AssumeRolePolicyDocument: encodeURIComponent(ec2TrustPolicy()) }],
      } as never,
    });
    iamMock.on(GetRoleCommand).resolves(role());
    iamMock.on(GetRolePolicyCommand).resolves({ PolicyDocument: encodeURIComponent(CURRENT) } as never);
    const ctx = context();
    const found = await findInstanceProfile(ctx);
    expect((await ensureInstanceProfile(ctx, found.value)).line).toContain('(reused)');
    expect(calls()).toEqual(['GetInstanceProfile', 'GetRolePolicy']);
  });

  it('a failed CreateInstanceProfile stops the role chain: no policy or attachment is sent after it', async () => {
    iamMock.on(GetInstanceProfileCommand).rejects(noSuchEntity());
    iamMock.on(GetRolePolicyCommand).rejects(noSuchEntity());
    iamMock.on(CreateInstanceProfileCommand).rejects(new Error('AccessDenied'));
    // CreateRole answers after the profile failed: the policy must then not be put.
    iamMock.on(CreateRoleCommand).callsFake(() => new Promise((r) => setTimeout(() => r({}), 30)));
    const ctx = context();
    const found = await findInstanceProfile(ctx);
    await expect(ensureInstanceProfile(ctx, found.value)).rejects.toThrow();
    expect(calls()).toEqual(['GetInstanceProfile', 'GetRolePolicy', 'CreateRole', 'CreateInstanceProfile']);
  });

  it('a complete, current role is only read', async () => {
    iamMock.on(GetInstanceProfileCommand).resolves(withRole);
    iamMock.on(GetRoleCommand).resolves(role());
    iamMock.on(GetRolePolicyCommand).resolves({ PolicyDocument: encodeURIComponent(CURRENT) } as never);
    expect((await ensureInstanceProfile(context())).line).toContain('(reused)');
    expect(calls().filter((c) => !c.startsWith('Get'))).toEqual([]);
  });

  it('a role made by an older version gets the current policy document', async () => {
    iamMock.on(GetInstanceProfileCommand).resolves(withRole);
    iamMock.on(GetRoleCommand).resolves(role());
    const old = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeTags'], Resource: '*' }],
    };
    iamMock
      .on(GetRolePolicyCommand)
      .resolves({ PolicyDocument: encodeURIComponent(JSON.stringify(old)) } as never);
    expect((await ensureInstanceProfile(context())).line).toContain('repaired: policy');
    const put = iamMock.commandCalls(PutRolePolicyCommand)[0]?.args[0].input;
    expect(samePolicy(put?.PolicyDocument, CURRENT)).toBe(true);
  });

  it('a role with a wrong trust policy gets the EC2 trust back', async () => {
    iamMock.on(GetInstanceProfileCommand).resolves(withRole);
    const wrong = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    iamMock.on(GetRoleCommand).resolves(role(wrong));
    iamMock.on(GetRolePolicyCommand).resolves({ PolicyDocument: CURRENT } as never);
    expect((await ensureInstanceProfile(context())).line).toContain('repaired: trust');
    expect(iamMock.commandCalls(UpdateAssumeRolePolicyCommand)[0]?.args[0].input.PolicyDocument).toBe(
      ec2TrustPolicy(),
    );
  });

  it('a role left without its profile (a launch killed half-way) gets the profile and attachment', async () => {
    iamMock
      .on(GetInstanceProfileCommand)
      .rejectsOnce(noSuchEntity())
      .rejectsOnce(noSuchEntity())
      .resolves({
        InstanceProfile: { Roles: [] } as never,
      });
    iamMock.on(GetRoleCommand).resolves(role());
    iamMock.on(GetRolePolicyCommand).resolves({ PolicyDocument: CURRENT } as never);
    expect((await ensureInstanceProfile(context())).line).toContain('repaired: profile, profile-role');
    expect(calls()).not.toContain('CreateRole');
  });

  it('a profile without its role gets the role, not a second profile', async () => {
    iamMock.on(GetInstanceProfileCommand).resolves({ InstanceProfile: { Roles: [] } as never });
    iamMock.on(GetRoleCommand).resolves(role());
    iamMock.on(GetRolePolicyCommand).resolves({ PolicyDocument: CURRENT } as never);
    const ctx = context();
    const { value: seen } = await findInstanceProfile(ctx);
    expect((await ensureInstanceProfile(ctx, seen)).line).toContain('repaired: profile-role');
    expect(calls()).not.toContain('CreateInstanceProfile');
  });

  it('losing every create race (EntityAlreadyExists, LimitExceeded) adopts the winner', async () => {
    iamMock
      .on(GetInstanceProfileCommand)
      .rejectsOnce(noSuchEntity())
      .resolvesOnce({ InstanceProfile: { Roles: [] } as never })
      .resolves(withRole);
    iamMock.on(GetRoleCommand).rejects(noSuchEntity());
    iamMock.on(CreateRoleCommand).rejects(exists());
    iamMock.on(GetRolePolicyCommand).resolves({ PolicyDocument: CURRENT } as never);
    iamMock.on(CreateInstanceProfileCommand).rejects(exists());
    iamMock.on(AddRoleToInstanceProfileCommand).rejects(
      new LimitExceededException({
        message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
        $metadata: {},
      }),
    );
    const ctx = context();
    const { value: seen } = await findInstanceProfile(ctx);
    await expect(ensureInstanceProfile(ctx, seen).then((d) => d.line)).resolves.toMatch(/spawnd-agent/);
    expect(ctx.created.list()).toEqual([]);
  });

  it('a full profile holding some other role is a clear failure, not a silent launch without spawnd', async () => {
    iamMock
      .on(GetInstanceProfileCommand)
      .resolves({ InstanceProfile: { Roles: [{ RoleName: 'other' }] } as never });
    iamMock.on(GetRoleCommand).resolves(role());
    iamMock.on(GetRolePolicyCommand).resolves({ PolicyDocument: CURRENT } as never);
    iamMock
      .on(AddRoleToInstanceProfileCommand)
      .rejects(new LimitExceededException({ message: 'Cannot exceed quota', $metadata: {} }));
    await expect(ensureInstanceProfile(context())).rejects.toMatchObject({ name: 'UserError' });
  });

  it('a dry run says plainly which IAM permissions it did not verify', async () => {
    iamMock.on(GetInstanceProfileCommand).rejects(noSuchEntity());
    const ctx = testStepContext({ clients: { iam: new IAMClient({}) }, environment: { dryRun: true } });
    await ensureInstanceProfile(ctx);
    expect(ctx.notes.join('\n')).toMatch(/NOT verified.*iam:CreateRole.*iam:PassRole/);
    expect(calls()).toEqual(['GetInstanceProfile', 'GetRolePolicy']);
  });
});
