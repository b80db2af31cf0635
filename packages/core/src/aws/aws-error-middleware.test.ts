import { Readable } from 'node:stream';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../errors/exit-codes.ts';
import { UserError } from '../errors/user-error.ts';
import { addApiCallRecorder, type MiddlewareHost } from './api-call-middleware.ts';
import { addAwsErrorTranslation, withAwsErrorTranslation } from './aws-error-middleware.ts';
import { awsErrorName, awsHttpStatus, isAwsError } from './aws-error-name.ts';
import { translateAwsError } from './translate-aws-error.ts';
import type { ApiCallEvent } from './types.ts';

const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET' };
const ec2Error = (code: string, message: string) =>
  `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`;

/** A real EC2 client (real serializer, retry and deserializer) whose HTTP layer answers `status`/`body`. */
function answering(status: number, body: string, o: { abort?: boolean } = {}) {
  const client = new EC2Client({
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    requestHandler: {
      handle: async () => {
        if (o.abort) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
        return { response: { statusCode: status, headers: {}, body: Readable.from([Buffer.from(body)]) } };
      },
    },
  });
  return client;
}

describe('addAwsErrorTranslation (the client middleware)', () => {
  it('makes an AWS error answer reject as the translated UserError, the AWS error as its cause', async () => {
    const ec2 = answering(
      403,
      ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
    );
    addAwsErrorTranslation(ec2 as unknown as MiddlewareHost, { region: 'eu-west-1', profile: 'dev' });
    const error = await ec2.send(new DescribeInstancesCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED_OPERATION',
      exitCode: ExitCode.permission,
      details: { awsErrorName: 'UnauthorizedOperation', region: 'eu-west-1', operation: 'DescribeInstances' },
    });
    expect((error as UserError).message).toContain('DescribeInstances in eu-west-1 (UnauthorizedOperation)');
    expect((error as UserError).hint).toContain('--profile');
    const cause = (error as UserError).cause as Error & { $metadata: { httpStatusCode: number } };
    expect(cause.name).toBe('UnauthorizedOperation');
    expect(cause.$metadata.httpStatusCode).toBe(403);
    // What code branching on a specific AWS error reads, through the translation.
    expect(awsErrorName(error)).toBe('UnauthorizedOperation');
    expect(isAwsError(error, 'InvalidGroup.Duplicate', 'UnauthorizedOperation')).toBe(true);
    expect(awsHttpStatus(error)).toBe(403);
    expect((error as { $metadata?: unknown }).$metadata).toBe(cause.$metadata);
  });

  it('words each code from the one table: a rejected parameter is a usage error (exit 2)', async () => {
    const ec2 = answering(
      400,
      ec2Error('InvalidParameterValue', "Invalid value 'x9.huge' for InstanceType."),
    );
    addAwsErrorTranslation(ec2 as unknown as MiddlewareHost, { region: 'eu-west-1' });
    await expect(
      ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 })),
    ).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
      exitCode: ExitCode.usage,
      hint: expect.any(String),
    });
  });

  it('leaves the caller’s own abort as it is (the binary’s signal handling owns it)', async () => {
    const ec2 = answering(200, '', { abort: true });
    addAwsErrorTranslation(ec2 as unknown as MiddlewareHost, { region: 'eu-west-1' });
    await expect(ec2.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('still lets the call recorder name the AWS error, whichever middleware runs first', async () => {
    const ec2 = answering(400, ec2Error('InvalidInstanceID.Malformed', 'Invalid id: "i-nope"'));
    const seen: ApiCallEvent[] = [];
    addApiCallRecorder(ec2 as unknown as MiddlewareHost, { service: 'ec2', region: 'eu-west-1' }, (e) =>
      seen.push(e),
    );
    addAwsErrorTranslation(ec2 as unknown as MiddlewareHost, { region: 'eu-west-1' });
    await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-nope'] }))).rejects.toBeInstanceOf(
      UserError,
    );
    expect(seen).toMatchObject([
      { operation: 'DescribeInstances', ok: false, errorName: 'InvalidInstanceID.Malformed' },
    ]);
  });
});

describe('withAwsErrorTranslation (clients without a middleware stack)', () => {
  // Mocked only here: the tests above need EC2Client's real `send`.
  let mock: ReturnType<typeof mockClient>;
  beforeAll(() => {
    mock = mockClient(EC2Client);
  });
  afterEach(() => mock.reset());
  afterAll(() => mock.restore());

  it('a mocked client’s rejection arrives as the translated UserError, the AWS error as its cause', async () => {
    const raw = Object.assign(new Error('no capacity'), { name: 'InsufficientInstanceCapacity' });
    mock.on(RunInstancesCommand).rejects(raw);
    const ec2 = withAwsErrorTranslation(new EC2Client({ region: 'us-east-1' }), { region: 'us-east-1' });
    const error = await ec2
      .send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'EC2_CAPACITY_UNAVAILABLE',
      exitCode: ExitCode.capacity,
      details: {
        awsErrorName: 'InsufficientInstanceCapacity',
        operation: 'RunInstances',
        region: 'us-east-1',
      },
    });
    expect((error as UserError).cause).toBe(raw);
  });

  it('names the operation of a lean client’s `send(action, params)`', async () => {
    const lean = {
      send: async (_action: string, _params: Record<string, string>): Promise<string> => {
        throw Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' });
      },
    };
    await expect(
      withAwsErrorTranslation(lean, { region: 'eu-west-1' }).send('CreateTags', {}),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED_OPERATION',
      details: { operation: 'CreateTags', region: 'eu-west-1', awsErrorName: 'UnauthorizedOperation' },
    });
  });
});

describe('translation is idempotent', () => {
  it('a translated error passes through every later translation unchanged', () => {
    const once = translateAwsError(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }), {
      region: 'us-east-1',
    });
    expect(translateAwsError(once, { region: 'eu-west-1', operation: 'Other' })).toBe(once);
    expect(translateAwsError(translateAwsError(once))).toBe(once);
  });

  it('awsErrorName is undefined for our own errors and reads raw SDK errors as they are', () => {
    expect(awsErrorName(new UserError('USAGE', 'bad flag'))).toBeUndefined();
    expect(awsErrorName(Object.assign(new Error('x'), { name: 'NoSuchEntityException' }))).toBe(
      'NoSuchEntityException',
    );
    expect(isAwsError(Object.assign(new Error('x'), { name: 'NoSuchEntityException' }), 'NoSuchEntity')).toBe(
      true,
    );
    expect(isAwsError(Object.assign(new Error('x'), { name: 'NoSuchEntityX' }), 'NoSuchEntity')).toBe(false);
    expect(isAwsError(undefined, 'NoSuchEntity')).toBe(false);
  });
});
