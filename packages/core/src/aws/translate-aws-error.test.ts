import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { AccessDeniedException, TooManyRequestsException } from '@aws-sdk/client-service-quotas';
import { ExpiredTokenException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.ts';
import { translateAwsError, withAwsErrors } from './translate-aws-error.ts';

/** An error shaped the way the SDK deserialises an EC2 (query protocol) error code. */
const sdkError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
const ec2Error = (name: string, message: string) =>
  new EC2ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
const ctx = { region: 'eu-west-1', profile: 'dev', operation: 'RunInstances' };

describe('translateAwsError', () => {
  it.each([
    ['CredentialsProviderError', 'Could not load credentials from any providers', 'CREDENTIALS_MISSING', 3],
    ['Error', 'Could not load credentials from any providers', 'CREDENTIALS_MISSING', 3],
    ['ExpiredToken', 'The security token included in the request is expired', 'CREDENTIALS_EXPIRED', 3],
    ['RequestExpired', 'Request has expired.', 'CREDENTIALS_EXPIRED', 3],
    [
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      'CREDENTIALS_EXPIRED',
      3,
    ],
    [
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      'CREDENTIALS_EXPIRED',
      3,
    ],
    ['AuthFailure', 'AWS was not able to validate the provided access credentials', 'CREDENTIALS_EXPIRED', 3],
    ['SignatureDoesNotMatch', 'The request signature we calculated does not match', 'CREDENTIALS_EXPIRED', 3],
    ['AccessDenied', 'Access Denied', 'UNAUTHORIZED_OPERATION', 4],
    [
      'InsufficientInstanceCapacity',
      'We currently do not have sufficient p5.48xlarge capacity',
      'EC2_CAPACITY_UNAVAILABLE',
      5,
    ],
    ['InsufficientHostCapacity', 'Insufficient capacity.', 'EC2_CAPACITY_UNAVAILABLE', 5],
    ['InsufficientReservedInstanceCapacity', 'Insufficient capacity.', 'EC2_CAPACITY_UNAVAILABLE', 5],
    ['InsufficientCapacityOnOutpost', 'Insufficient capacity.', 'EC2_CAPACITY_UNAVAILABLE', 5],
    [
      'Unsupported',
      'Your requested instance type (p5.48xlarge) is not supported in your requested Availability Zone (us-east-1e).',
      'EC2_UNSUPPORTED_IN_AZ',
      5,
    ],
    [
      'VcpuLimitExceeded',
      'You have requested more vCPU capacity than your current vCPU limit of 32 allows',
      'EC2_QUOTA_EXCEEDED',
      6,
    ],
    ['InstanceLimitExceeded', 'Your quota allows for 0 more running instance(s).', 'EC2_QUOTA_EXCEEDED', 6],
    ['MaxSpotInstanceCountExceeded', 'Max spot instance count exceeded', 'EC2_QUOTA_EXCEEDED', 6],
    [
      'SpotMaxPriceTooLow',
      'Your Spot request price of 0.001 is lower than the minimum required Spot request fulfillment price of 0.0035.',
      'SPOT_MAX_PRICE_TOO_LOW',
      5,
    ],
    [
      'InvalidParameterValue',
      'Value (m7i.huge) for parameter instanceType is invalid.',
      'INVALID_PARAMETER',
      2,
    ],
    [
      'InvalidParameterCombination',
      'Network interfaces and an instance-level subnet ID may not be specified',
      'INVALID_PARAMETER',
      2,
    ],
    ['InvalidParameter', 'The request must contain the parameter ImageId', 'INVALID_PARAMETER', 2],
    ['ValidationError', '1 validation error detected', 'INVALID_PARAMETER', 2],
    ['ValidationException', '1 validation error detected', 'INVALID_PARAMETER', 2],
    ['Throttling', 'Rate exceeded', 'THROTTLED', 1],
    ['ThrottlingException', 'Rate exceeded', 'THROTTLED', 1],
    ['RequestLimitExceeded', 'Request limit exceeded.', 'THROTTLED', 1],
    ['InvalidAMIID.NotFound', "The image id '[ami-1]' does not exist", 'AWS_ERROR', 1],
    ['InternalError', 'An internal error has occurred', 'AWS_ERROR', 1],
  ])('%s → %s', (name, message, code, exitCode) => {
    const error = translateAwsError(sdkError(name, message), ctx);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      code,
      exitCode,
      details: { awsErrorName: name, region: 'eu-west-1', operation: 'RunInstances' },
    });
    expect(error.hint ?? '').not.toMatch(/undefined/);
    if (code !== 'CREDENTIALS_MISSING') expect(error.message).toContain(message);
  });

  it('works on real ServiceException subclasses', () => {
    const meta = { $metadata: {}, message: 'Token expired' };
    expect(translateAwsError(new ExpiredTokenException(meta)).code).toBe('CREDENTIALS_EXPIRED');
    expect(translateAwsError(new AccessDeniedException(meta)).code).toBe('UNAUTHORIZED_OPERATION');
    expect(translateAwsError(new TooManyRequestsException(meta)).code).toBe('THROTTLED');
    expect(translateAwsError(ec2Error('InsufficientInstanceCapacity', 'no capacity')).code).toBe(
      'EC2_CAPACITY_UNAVAILABLE',
    );
  });

  it('names the denied action and points at decode-authorization-message', () => {
    const error = translateAwsError(
      ec2Error(
        'UnauthorizedOperation',
        'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:eu-west-1:123456789012:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: abc',
      ),
      { region: 'eu-west-1', operation: 'RunInstances' },
    );
    expect(error.message).toMatch(
      /^Your AWS identity is not allowed to call ec2:RunInstances in eu-west-1 \(UnauthorizedOperation\)/,
    );
    expect(error.hint).toContain('allow ec2:RunInstances');
    expect(error.hint).toContain('aws sts decode-authorization-message');
    expect(error.details).toMatchObject({ action: 'ec2:RunInstances' });
  });

  it('falls back to the operation when the message does not name the action', () => {
    const error = translateAwsError(sdkError('AccessDeniedException', 'Access denied'), {
      operation: 'ListServiceQuotas',
    });
    expect(error.message).toContain('not allowed to call ListServiceQuotas');
    expect(error.hint).not.toContain('decode-authorization-message');
  });

  it('sends expired SSO sessions to aws sso login for the profile', () => {
    const message =
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.';
    const error = translateAwsError(Object.assign(new Error(message), { name: 'CredentialsProviderError' }), {
      profile: 'corp',
    });
    expect(error).toMatchObject({
      code: 'CREDENTIALS_EXPIRED',
      hint: 'Run `aws sso login --profile corp`, then retry.',
    });
    expect(error.message).toContain('for profile "corp"');
  });

  it('offers both refresh commands when it cannot tell the profile is SSO', () => {
    const error = translateAwsError(
      sdkError('ExpiredToken', 'The security token included in the request is expired'),
      {
        profile: 'dev',
      },
    );
    expect(error.hint).toBe(
      'Refresh your credentials (`aws sso login --profile dev` for SSO profiles, `aws configure --profile dev` for access keys), then retry.',
    );
  });

  it('explains missing credentials with and without a profile', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(translateAwsError(missing, { profile: 'dev' })).toMatchObject({
      message: 'No AWS credentials were found for profile "dev".',
      hint: 'Run `aws configure --profile dev`, or `aws sso login --profile dev` if it uses SSO.',
    });
    expect(translateAwsError(missing).hint).toContain('Run `aws configure`');
  });

  it.each([
    [
      'ECONNREFUSED',
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), {
        code: 'ECONNREFUSED',
        address: '10.0.0.1',
        port: 443,
      }),
      '10.0.0.1:443',
    ],
    [
      'ENOTFOUND',
      Object.assign(new Error('getaddrinfo ENOTFOUND ec2.xx-east-1.amazonaws.com'), {
        code: 'ENOTFOUND',
        hostname: 'ec2.xx-east-1.amazonaws.com',
      }),
      'ec2.xx-east-1.amazonaws.com',
    ],
    [
      'ETIMEDOUT',
      Object.assign(
        new AggregateError(
          [
            Object.assign(new Error('connect ETIMEDOUT'), {
              code: 'ETIMEDOUT',
              address: '1.2.3.4',
              port: 443,
            }),
          ],
          '',
        ),
        { code: 'ETIMEDOUT' },
      ),
      '1.2.3.4:443',
    ],
  ])('%s → NETWORK_ERROR', (networkCode, thrown, endpoint) => {
    const error = translateAwsError(thrown, { region: 'us-east-1' });
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain(`(${networkCode})`);
    if (endpoint) {
      expect(error.message).toContain(`Could not reach AWS at ${endpoint} in us-east-1`);
      expect(error.details).toMatchObject({ endpoint });
    } else {
      expect(error.message).toMatch(/^Could not reach AWS in us-east-1/);
    }
  });

  it('uses the context endpoint when the socket error has none', () => {
    const error = translateAwsError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      {
        endpoint: 'http://localhost:5000',
      },
    );
    expect(error.message).toContain('at http://localhost:5000');
  });

  // The SDK's requestTimeout/connectionTimeout (issue 11/12): a TIMEOUT naming the limit, not the
  // handler's "@smithy/node-http-handler - [ERROR] ..." text.
  it.each([
    [
      '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 20000 ms requestTimeout.',
      'AWS did not answer within 20 s (DescribeInstances) in eu-west-1.',
    ],
    [
      'Socket timed out without establishing a connection within 10000 ms',
      'AWS did not accept a connection within 10 s (DescribeInstances) in eu-west-1.',
    ],
  ])('TimeoutError "%s" → TIMEOUT', (raw, message) => {
    const thrown = Object.assign(new Error(raw), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    const error = translateAwsError(thrown, { region: 'eu-west-1', operation: 'DescribeInstances' });
    expect(error).toMatchObject({ code: 'TIMEOUT', message, exitCode: 1 });
    expect(error.hint).toContain('--timeout');
  });

  it('names the operation the API-call recorder tagged on the error when the caller did not', () => {
    const thrown = Object.defineProperty(sdkError('InternalError', 'boom'), '$operation', {
      value: 'DescribeVpcs',
    });
    const error = translateAwsError(thrown, { region: 'us-east-1' });
    expect(error.message).toBe('AWS returned an error for DescribeVpcs in us-east-1 (InternalError): boom');
    expect(error.details).toMatchObject({ operation: 'DescribeVpcs' });
  });

  // moto (and HTML error pages of proxies) answer some calls with a 500 the SDK cannot parse; its
  // message then tells the developer to "inspect the hidden field {error}.$response".
  it.each([
    [
      'Error',
      '@aws-sdk XML parse error: mismatched tags <html> and </title>.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
    ],
    [
      'SyntaxError',
      'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
    ],
  ])('an unparsable %s answer carries no SDK internals', (name, raw) => {
    const thrown = Object.assign(new Error(raw), { name, $metadata: { httpStatusCode: 500 } });
    const error = translateAwsError(thrown, { region: 'us-east-1', operation: 'GetSpotPlacementScores' });
    expect(error).toMatchObject({
      code: 'AWS_ERROR',
      message:
        'AWS answered for GetSpotPlacementScores in us-east-1 with HTTP 500 and a body that is not an AWS response.',
      details: { httpStatus: 500 },
    });
    expect(`${error.message} ${error.hint}`).not.toMatch(/\$response|hidden field|Deserialization/);
  });

  it('keeps the AWS name and message for anything unknown', () => {
    const error = translateAwsError(sdkError('InvalidKeyPair.NotFound', "The key pair 'x' does not exist"), {
      region: 'us-west-2',
      operation: 'DescribeKeyPairs',
    });
    expect(error).toMatchObject({
      code: 'AWS_ERROR',
      message:
        "AWS returned an error for DescribeKeyPairs in us-west-2 (InvalidKeyPair.NotFound): The key pair 'x' does not exist",
      hint: undefined,
    });
  });

  it('passes UserErrors through untouched and wraps non-errors', () => {
    const original = new UserError('TIMEOUT', 'slow');
    expect(translateAwsError(original)).toBe(original);
    expect(translateAwsError('boom')).toMatchObject({
      code: 'AWS_ERROR',
      message: 'AWS returned an error (Error): boom',
    });
    expect(translateAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('omits unknown context from details and keeps the cause', () => {
    const thrown = sdkError('Throttling', 'Rate exceeded');
    const error = translateAwsError(thrown);
    expect(error.details).toEqual({ awsErrorName: 'Throttling' });
    expect(error.cause).toBe(thrown);
  });
});

describe('withAwsErrors', () => {
  it('returns the value or throws the translated error', async () => {
    await expect(withAwsErrors(async () => 42)).resolves.toBe(42);
    await expect(
      withAwsErrors(() => Promise.reject(sdkError('VcpuLimitExceeded', 'limit 32')), { region: 'us-east-1' }),
    ).rejects.toMatchObject({
      code: 'EC2_QUOTA_EXCEEDED',
      hint: expect.stringContaining('truffle quotas --request'),
    });
  });
});
