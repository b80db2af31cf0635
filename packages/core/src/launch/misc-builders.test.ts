import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_SPEC } from './_test-step-context.ts';
import { buildInstanceTags } from './build-tags.ts';
import { estimateCost, formatCost } from './estimate-cost.ts';
import { findOrCreateSshKey } from './local-ssh-key.ts';
import { publicLineFromOpensshPrivate } from './openssh-key.ts';
import type { LaunchSpec } from './types.ts';

const spec: LaunchSpec = { ...TEST_SPEC, instanceType: 't3.micro', ttlMs: 8 * 3_600_000 };

describe('buildInstanceTags', () => {
  const now = new Date('2026-08-01T12:00:00Z');
  it.each<[string, Partial<LaunchSpec>, Record<string, string | undefined>]>([
    [
      'TTL gives an absolute UTC expiry',
      {},
      { 'spawn:ttl': '8h', 'spawn:expires-at': '2026-08-01T20:00:00.000Z' },
    ],
    ['no TTL: no expiry tag', { ttlMs: undefined }, { 'spawn:ttl': 'none', 'spawn:expires-at': undefined }],
    [
      'idle settings',
      { idleTimeoutMs: 1_800_000, onIdle: 'hibernate' },
      { 'spawn:idle-timeout': '30m', 'spawn:on-idle': 'hibernate' },
    ],
  ])('%s', (_n, over, expected) => {
    const tags = Object.fromEntries(
      buildInstanceTags({ spec: { ...spec, ...over }, now, createdBy: 'arn:me', version: '1.2.3' }).map(
        (t) => [t.Key, t.Value],
      ),
    );
    expect(tags).toMatchObject({
      'spawn:managed': 'true',
      'spawn:created-by': 'arn:me',
      'spawn:version': '1.2.3',
      Name: 'box',
      'spawn:user': 'ec2-user',
    });
    for (const [k, v] of Object.entries(expected)) expect(tags[k]).toBe(v);
  });
});

describe('estimateCost', () => {
  it.each([
    [
      { market: 'on-demand', pricePerHour: 0.0104, ttlMs: 3_600_000 * 8 },
      '$0.0104/hour, at most $0.10 for the 8h TTL (incl. $0.02 for the 20 GiB gp3 disk)',
    ],
    [
      { market: 'spot', pricePerHour: 0.0031, onDemandPricePerHour: 0.0104, ttlMs: 3_600_000 },
      '$0.0031/hour (spot, 70% below on-demand), at most $0.01 for the 8h TTL (incl. $0.00 for the 20 GiB gp3 disk)',
    ],
    [
      { market: 'on-demand', onDemandPricePerHour: 0.0416, ttlMs: undefined },
      '$0.0416/hour, no TTL: no upper bound; 20 GiB gp3 disk $1.60/month',
    ],
    [
      { market: 'on-demand', ttlMs: 3_600_000 },
      'price unknown (check `truffle search` for the current price); 20 GiB gp3 disk $1.60/month',
    ],
  ] as const)('%o', (input, text) => {
    expect(formatCost(estimateCost(input), input.ttlMs ? '8h' : undefined)).toBe(text);
  });
});

describe('openssh-key-v1 and the local key', () => {
  it('creates ~/.ssh/id_ed25519 (0600) that ssh-keygen reads back to the same public key', async () => {
    const home = mkdtempSync(join(tmpdir(), 'spawn-key-'));
    const key = await findOrCreateSshKey({ homedir: home, platform: 'linux' });
    expect(key.created).toBe(true);
    expect(statSync(key.privatePath).mode & 0o777).toBe(0o600);
    const derived = execFileSync('ssh-keygen', ['-y', '-f', key.privatePath], { encoding: 'utf8' }).trim();
    expect(derived.split(' ').slice(0, 2)).toEqual(key.publicLine.split(' ').slice(0, 2));
    expect(readFileSync(`${key.privatePath}.pub`, 'utf8').trim()).toBe(key.publicLine);
    const fp = execFileSync('ssh-keygen', ['-l', '-f', `${key.privatePath}.pub`], { encoding: 'utf8' });
    expect(fp).toContain(key.fingerprint);
    const again = await findOrCreateSshKey({ homedir: home, platform: 'linux' });
    expect(again).toMatchObject({ created: false, fingerprint: key.fingerprint });
    expect(publicLineFromOpensshPrivate(readFileSync(key.privatePath, 'utf8'))).toBe(
      key.publicLine.replace(/ spawn$/, ''),
    );
  });

  it('restricts the ACL with icacls on Windows', async () => {
    const home = mkdtempSync(join(tmpdir(), 'spawn-key-'));
    const calls: string[][] = [];
    const key = await findOrCreateSshKey({
      homedir: home,
      platform: 'win32',
      env: { USERNAME: 'ada' },
      runCommand: async (cmd, args) => void calls.push([cmd, ...args]),
    });
    expect(calls).toEqual([['icacls', key.privatePath, '/inheritance:r', '/grant:r', 'ada:F']]);
  });

  it('dry run writes nothing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'spawn-key-'));
    const key = await findOrCreateSshKey({ homedir: home, platform: 'linux', dryRun: true });
    expect(existsSync(key.privatePath)).toBe(false);
  });
});
