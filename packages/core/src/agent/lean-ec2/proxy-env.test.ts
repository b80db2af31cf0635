import { describe, expect, it } from 'vitest';
import { isNoProxy, proxyFor } from './proxy-env.ts';

const EC2 = 'https://ec2.us-east-1.amazonaws.com/';

describe('isNoProxy (curl rules)', () => {
  it.each([
    ['*', EC2, true],
    ['', EC2, false],
    ['amazonaws.com', EC2, true],
    ['.amazonaws.com', EC2, true],
    ['*.amazonaws.com', EC2, true],
    ['amazonaws.com', 'https://amazonaws.com/', true],
    ['.amazonaws.com', 'https://amazonaws.com/', true],
    // A suffix must end on a label boundary.
    ['zonaws.com', EC2, false],
    ['example.com, ec2.us-east-1.amazonaws.com', EC2, true],
    ['example.com ec2.us-east-1.amazonaws.com', EC2, true],
    ['EC2.US-EAST-1.AMAZONAWS.COM', EC2, true],
    ['amazonaws.com:443', EC2, true],
    ['amazonaws.com:8443', EC2, false],
    ['localhost:5000', 'http://localhost:5000/', true],
    ['localhost:5000', 'http://localhost:5001/', false],
    ['10.1.2.3', 'http://10.1.2.3:5000/', true],
    ['10.1.2.4', 'http://10.1.2.3:5000/', false],
    ['10.0.0.0/8', 'http://10.1.2.3/', true],
    ['10.0.0.0/16', 'http://10.1.2.3/', false],
    ['10.1.2.3:5000', 'http://10.1.2.3:5000/', true],
    ['10.1.2.3:5001', 'http://10.1.2.3:5000/', false],
    ['::1', 'http://[::1]:5000/', true],
    ['[::1]:5000', 'http://[::1]:5000/', true],
    ['[::1]:5001', 'http://[::1]:5000/', false],
    ['fd00::/8', 'http://[fd00:ec2::1]/', true],
    // A name never matches an IP target, nor an IP a name.
    ['1.2.3', 'http://10.1.2.3/', false],
    ['127.0.0.1', 'http://localhost/', false],
  ])('NO_PROXY=%j, %s → %s', (noProxy, url, expected) => {
    expect(isNoProxy(new URL(url), noProxy)).toBe(expected);
  });
});

describe('proxyFor', () => {
  const choose = (url: string, env: Record<string, string>) => {
    const choice = proxyFor(new URL(url), env);
    return choice && { url: choice.url.href, variable: choice.variable };
  };

  it('takes https_proxy for https and http_proxy for http, lower case first, then all_proxy', () => {
    const env = { HTTPS_PROXY: 'http://big:1', https_proxy: 'http://small:2', HTTP_PROXY: 'http://plain:3' };
    expect(choose(EC2, env)).toEqual({ url: 'http://small:2/', variable: 'https_proxy' });
    expect(choose('http://moto:5000/', env)).toEqual({ url: 'http://plain:3/', variable: 'HTTP_PROXY' });
    expect(choose(EC2, { HTTP_PROXY: 'http://plain:3' })).toBeUndefined();
    expect(choose(EC2, { ALL_PROXY: 'http://all:4' })).toEqual({
      url: 'http://all:4/',
      variable: 'ALL_PROXY',
    });
    expect(choose(EC2, { all_proxy: 'proxy.corp:3128' })).toEqual({
      url: 'http://proxy.corp:3128/',
      variable: 'all_proxy',
    });
  });

  it('goes direct when NO_PROXY (or no_proxy, which wins) matches', () => {
    expect(choose(EC2, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.amazonaws.com' })).toBeUndefined();
    expect(choose(EC2, { HTTPS_PROXY: 'http://p:1', no_proxy: 'example.com', NO_PROXY: '*' })).toBeDefined();
  });

  it.each(['http://169.254.169.254/latest/api/token', 'http://[fd00:ec2::254]/latest/meta-data/'])(
    'never proxies the instance metadata service: %s',
    (imds) => {
      expect(
        choose(imds, { HTTP_PROXY: 'http://p:1', ALL_PROXY: 'http://p:1', NO_PROXY: '' }),
      ).toBeUndefined();
    },
  );

  it('refuses a proxy scheme it cannot speak, naming the variable without the password', () => {
    expect(() => choose(EC2, { ALL_PROXY: 'socks5://u:secret@p:1080' })).toThrow(
      'ALL_PROXY=socks5://u:***@p:1080: spawnd supports only http:// and https:// proxies',
    );
  });
});
