import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFRESH_MARGIN_MS, roleCachePath, withRoleCache } from './mfa-cache.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-27T10:00:00Z');

/** An assume-role stand-in: each call is one AssumeRole (and one MFA prompt), counted. */
function fakeAssumeRole(now: () => number) {
  const calls: number[] = [];
  const provider = async () => {
    calls.push(now());
    await new Promise((r) => setTimeout(r, 5));
    return {
      accessKeyId: `ASIA${calls.length}`,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(now() + HOUR),
    };
  };
  return { provider, calls };
}

describe('withRoleCache', () => {
  const key = { profile: 'admin', roleArn: 'arn:aws:iam::1:role/a', mfaSerial: 'arn:aws:iam::1:mfa/me' };

  it('names files by a hash of the role, device and profile', () => {
    const a = roleCachePath('/c', key);
    expect(a).toMatch(/^\/c\/[0-9a-f]{40}\.json$/);
    expect(roleCachePath('/c', { ...key })).toBe(a);
    expect(roleCachePath('/c', { ...key, mfaSerial: 'arn:aws:iam::1:mfa/other' })).not.toBe(a);
  });

  it('assumes once for concurrent callers, even from two wrappers of one file', async () => {
    let t = T0;
    const file = roleCachePath(mkdtempSync(join(tmpdir(), 'role-cache-')), key);
    const { provider, calls } = fakeAssumeRole(() => t);
    const a = withRoleCache(provider, file, () => t);
    const b = withRoleCache(provider, file, () => t);
    const got = await Promise.all([a(), a(), b()]);
    expect(calls).toHaveLength(1);
    expect(new Set(got.map((c) => c.accessKeyId))).toEqual(new Set(['ASIA1']));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      Credentials: { AccessKeyId: 'ASIA1', Expiration: new Date(T0 + HOUR).toISOString() },
    });
    t += HOUR - REFRESH_MARGIN_MS - 1000;
    expect((await a()).accessKeyId).toBe('ASIA1');
  });

  it('refreshes in a long-running process once the session is within 10 minutes of expiry', async () => {
    let t = T0;
    const file = roleCachePath(mkdtempSync(join(tmpdir(), 'role-cache-')), key);
    const { provider, calls } = fakeAssumeRole(() => t);
    const creds = withRoleCache(provider, file, () => t);
    await creds();
    t += HOUR - REFRESH_MARGIN_MS + 1000;
    expect((await creds()).accessKeyId).toBe('ASIA2');
    expect(calls).toHaveLength(2);
  });

  it('a corrupt cache file costs one AssumeRole, not a failure', async () => {
    const file = roleCachePath(mkdtempSync(join(tmpdir(), 'role-cache-')), key);
    writeFileSync(file, '{"Credentials": ');
    const { provider, calls } = fakeAssumeRole(() => T0);
    expect((await withRoleCache(provider, file, () => T0)()).accessKeyId).toBe('ASIA1');
    expect(calls).toHaveLength(1);
  });
});
