import { describe, expect, it } from 'vitest';
import { signRequest } from './sigv4.ts';

// Vectors from the AWS SigV4 test suite (get-vanilla, post-x-www-form-urlencoded); the EC2 one
// with a session token was computed independently with botocore's SigV4Auth for the same inputs.
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const now = new Date('2015-08-30T12:36:00Z');

describe('signRequest', () => {
  it('get-vanilla', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
      headers: {},
      body: '',
      credentials,
      region: 'us-east-1',
      service: 'service',
      now,
    });
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('post-x-www-form-urlencoded', () => {
    const headers = signRequest({
      method: 'POST',
      url: new URL('https://example.amazonaws.com/'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'Param1=value1',
      credentials,
      region: 'us-east-1',
      service: 'service',
      now,
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    );
  });

  it('an EC2 DescribeTags POST with a session token (signed, and sent)', () => {
    const headers = signRequest({
      method: 'POST',
      url: new URL('https://ec2.eu-west-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=DescribeTags&Version=2016-11-15&Filter.1.Name=resource-id&Filter.1.Value.1=i-0123456789abcdef0',
      credentials: { ...credentials, sessionToken: 'SESSIONTOKEN/+=' },
      region: 'eu-west-1',
      service: 'ec2',
      now,
    });
    expect(headers['x-amz-security-token']).toBe('SESSIONTOKEN/+=');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/ec2/aws4_request, ' +
        'SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, ' +
        'Signature=a9bdfebead98ba1ac5fa17619177935c108a77a0642ae5631d753503e204c01d',
    );
  });
});
