import { describe, expect, it } from 'vitest';
import { configuredProxy } from './proxy-agent.ts';
import { proxyVariable, redactProxy } from './proxy-variables.ts';

// The one reading of HTTP(S)_PROXY / ALL_PROXY for the CLIs (--debug) and spawnd (proxyFor).
describe('proxyVariable', () => {
  it.each([
    [{ HTTPS_PROXY: 'http://big:1', https_proxy: 'http://small:2' }, 'https', 'https_proxy'],
    [{ HTTP_PROXY: 'http://plain:3' }, 'https', undefined],
    [{ HTTP_PROXY: 'http://plain:3' }, 'http', 'HTTP_PROXY'],
    [{ https_proxy: '  ', ALL_PROXY: 'http://all:4' }, 'https', 'ALL_PROXY'],
    [{ all_proxy: 'http://a:1', ALL_PROXY: 'http://b:2' }, 'http', 'all_proxy'],
  ] as const)('%j for %s → %s', (env, scheme, expected) => {
    expect(proxyVariable(env, scheme)).toBe(expected);
  });
});

describe('redaction', () => {
  it('redacts the password only', () => {
    expect(redactProxy(new URL('http://user:s3cret@proxy:3128'))).toBe('http://user:***@proxy:3128');
    expect(redactProxy(new URL('http://proxy:3128'))).toBe('http://proxy:3128');
  });

  it('configuredProxy names the variable the AWS calls use, without the password, even in a bare host:port', () => {
    expect(configuredProxy({ HTTP_PROXY: 'http://plain:3', HTTPS_PROXY: 'u:pw@corp:3128' })).toBe(
      'HTTPS_PROXY=http://u:***@corp:3128',
    );
    expect(configuredProxy({ http_proxy: 'http://plain:3/', NO_PROXY: '*' })).toBe(
      'http_proxy=http://plain:3',
    );
    expect(configuredProxy({ ALL_PROXY: 'http://u:pw@bad host:1' })).toBe('ALL_PROXY=(not a URL)');
    expect(configuredProxy({ NO_PROXY: '*', HTTPS_PROXY: '' })).toBeUndefined();
  });
});
