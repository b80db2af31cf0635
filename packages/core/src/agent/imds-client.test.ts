import { describe, expect, it } from 'vitest';
import { createImdsClient } from './imds-client.ts';

/** A fetch serving IMDSv2 paths (token first), shaped like the documented responses. */
function imdsFetch(paths: Record<string, string>): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    if (path === '/latest/api/token') return new Response('tok');
    if ((init?.headers as Record<string, string> | undefined)?.['X-aws-ec2-metadata-token'] !== 'tok')
      return new Response('', { status: 401 });
    const body = paths[path];
    return body === undefined ? new Response('', { status: 404 }) : new Response(body);
  }) as typeof fetch;
}

describe('roleCredentials', () => {
  it('reads the role named in security-credentials/ and its temporary keys', async () => {
    const imds = createImdsClient({
      endpoint: 'http://imds',
      fetch: imdsFetch({
        '/latest/meta-data/iam/security-credentials/': 'spawn-instance-role\n',
        '/latest/meta-data/iam/security-credentials/spawn-instance-role': JSON.stringify({
          Code: 'Success',
          LastUpdated: '2030-01-01T00:00:00Z',
          Type: 'AWS-HMAC',
          AccessKeyId: 'ASIAEXAMPLE',
          SecretAccessKey: 'secret',
          Token: 'session',
          Expiration: '2030-01-01T06:00:00Z',
        }),
      }),
    });
    expect(await imds.roleCredentials()).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
      expiration: Date.parse('2030-01-01T06:00:00Z'),
    });
  });

  it('is undefined when no role is attached (404)', async () => {
    const imds = createImdsClient({ endpoint: 'http://imds', fetch: imdsFetch({}) });
    expect(await imds.roleCredentials()).toBeUndefined();
  });
});
