import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../errors/exit-codes.ts';
import { UserError } from '../../errors/user-error.ts';
import { isAwsError } from '../aws-error-name.ts';
import { createAwsContext } from '../create-aws-context.ts';

// Issue 14: AWS errors are translated once, in every client's middleware; a real client, the
// real middleware, moto's real error answers.
describe('AWS errors through the client middleware, against moto', () => {
  useMoto();
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'aws-errors-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('DescribeInstances with an unknown id fails with the typed error, the AWS error as cause', async () => {
    const aws = await createAwsContext({ env: process.env, homedir: home, services: ['ec2'] });
    const error = await aws
      .ec2('eu-west-1')
      .send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      code: 'AWS_ERROR',
      exitCode: ExitCode.failure,
      details: {
        awsErrorName: 'InvalidInstanceID.NotFound',
        region: 'eu-west-1',
        operation: 'DescribeInstances',
      },
    });
    expect((error as UserError).message).toMatch(
      /^AWS returned an error for DescribeInstances in eu-west-1 \(InvalidInstanceID\.NotFound\): /,
    );
    expect(((error as UserError).cause as Error).name).toBe('InvalidInstanceID.NotFound');
    expect(isAwsError(error, 'InvalidInstanceID.NotFound')).toBe(true);
  });

  it('IAM (global) names no region, and NoSuchEntity stays recognisable through the translation', async () => {
    const aws = await createAwsContext({ env: process.env, homedir: home, services: ['iam'] });
    const error = await aws
      .iam()
      .send(new GetRoleCommand({ RoleName: 'no-such-role-14' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(isAwsError(error, 'NoSuchEntity')).toBe(true);
    expect((error as UserError).details).not.toHaveProperty('region');
  });
});
