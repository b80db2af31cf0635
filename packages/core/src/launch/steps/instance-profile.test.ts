import { EC2Client } from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetInstanceProfileCommand,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { testStepContext } from '../_test-step-context.ts';
import { ensureInstanceProfile, findInstanceProfile } from './instance-profile.ts';

// IAM call sequences (and the race between two launches) are checked against a mocked client;
// the whole chain also runs against moto in launch-rollback.test.ts.
const iamMock = mockClient(IAMClient);

const context = () =>
  testStepContext({
    clients: {
      ec2: new EC2Client({}),
      ssm: new SSMClient({}),
      sts: new STSClient({}),
      iam: new IAMClient({}),
    },
  });

const noSuchEntity = () => new NoSuchEntityException({ message: 'not found', $metadata: {} });
const calls = () =>
  iamMock.calls().map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''));

beforeEach(() => {
  iamMock.reset();
  iamMock.on(CreateRoleCommand).resolves({});
  iamMock.on(PutRolePolicyCommand).resolves({});
  iamMock.on(CreateInstanceProfileCommand).resolves({});
  iamMock.on(AddRoleToInstanceProfileCommand).resolves({});
});

describe('spawnd role and instance profile', () => {
  it('asks IAM once per launch: the lookup’s answer decides what to create', async () => {
    iamMock.on(GetInstanceProfileCommand).rejects(noSuchEntity());
    const ctx = context();
    expect(await findInstanceProfile(ctx)).toContain('to create');
    expect(await ensureInstanceProfile(ctx)).toContain('(created)');
    expect(calls()).toEqual([
      'GetInstanceProfile',
      'CreateRole',
      'PutRolePolicy',
      'CreateInstanceProfile',
      'AddRoleToInstanceProfile',
    ]);
    expect(ctx.created.list().map((r) => r.kind)).toEqual([
      'IAM role',
      'instance profile',
      'role in instance profile',
    ]);
  });

  it('a profile left without its role gets the role, not a second profile', async () => {
    iamMock.on(GetInstanceProfileCommand).resolves({ InstanceProfile: { Roles: [] } as never });
    const ctx = context();
    await findInstanceProfile(ctx);
    await ensureInstanceProfile(ctx);
    expect(calls()).not.toContain('CreateInstanceProfile');
    expect(calls().filter((c) => c === 'GetInstanceProfile')).toHaveLength(1);
  });

  it('reuses what another launch created since the lookup, and creates nothing', async () => {
    iamMock
      .on(GetInstanceProfileCommand)
      .rejectsOnce(noSuchEntity())
      .resolves({ InstanceProfile: { Roles: [{ RoleName: 'spawnd-agent' }] } as never });
    iamMock
      .on(CreateRoleCommand)
      .rejects(new EntityAlreadyExistsException({ message: 'exists', $metadata: {} }));
    const ctx = context();
    await findInstanceProfile(ctx);
    expect(await ensureInstanceProfile(ctx)).toContain('(reused)');
    expect(calls()).toEqual(['GetInstanceProfile', 'CreateRole', 'GetInstanceProfile']);
    expect(ctx.created.list()).toEqual([]);
  });

  it('still fails clearly if the other launch has not finished the profile', async () => {
    iamMock.on(GetInstanceProfileCommand).rejects(noSuchEntity());
    iamMock
      .on(CreateRoleCommand)
      .rejects(new EntityAlreadyExistsException({ message: 'exists', $metadata: {} }));
    const ctx = context();
    await findInstanceProfile(ctx);
    await expect(ensureInstanceProfile(ctx)).rejects.toMatchObject({ name: 'UserError' });
  });

  it('without a lookup (a caller that skips it), asks IAM itself', async () => {
    iamMock
      .on(GetInstanceProfileCommand)
      .resolves({ InstanceProfile: { Roles: [{ RoleName: 'spawnd-agent' }] } as never });
    expect(await ensureInstanceProfile(context())).toContain('(reused)');
    expect(calls()).toEqual(['GetInstanceProfile']);
  });
});
