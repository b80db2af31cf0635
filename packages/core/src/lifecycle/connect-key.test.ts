import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOrCreateSshKey } from '../launch/local-ssh-key.ts';
import { keyPairName } from '../launch/steps/key-pair.ts';
import { testInstance } from './_test-instance.ts';
import { resolveConnectKey } from './connect-key.ts';
import { keyIndexPath, lookupKey, readKeyIndex, recordKey } from './key-index.ts';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'spawn-keyindex-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const location = () => ({ homedir: home, platform: 'linux' as const, env: {} });

/** A real key pair at `path` (as `launch --key path` would use) and the key pair name spawn gives it. */
async function keyAt(path: string) {
  await findOrCreateSshKey({ homedir: home, platform: 'linux' });
  const made = join(home, '.ssh', 'id_ed25519');
  if (made !== path) {
    await rename(made, path);
    await rename(`${made}.pub`, `${path}.pub`);
  }
  const key = await findOrCreateSshKey({ homedir: home, platform: 'linux', keyPath: path, dryRun: true });
  return { path, fingerprint: key.fingerprint, keyPairName: keyPairName(key.fingerprint) };
}

describe('the local key index', () => {
  it('round trip: recorded at launch, found by key pair name (and fingerprint), file 0600', async () => {
    const entry = {
      keyPairName: 'spawn-0123456789abcdef',
      fingerprint: 'SHA256:abc',
      privatePath: '/k/myrsa',
    };
    await recordKey(location(), entry);
    await recordKey(location(), { ...entry, keyPairName: 'other', privatePath: '/k/other' });
    expect(await lookupKey(location(), 'spawn-0123456789abcdef')).toEqual(entry);
    expect(await lookupKey(location(), 'spawn-0123456789abcdef', 'SHA256:abc')).toEqual(entry);
    expect(await lookupKey(location(), 'spawn-0123456789abcdef', 'SHA256:else')).toBeUndefined();
    expect(Object.keys(await readKeyIndex(location()))).toEqual(['spawn-0123456789abcdef', 'other']);
    const file = keyIndexPath(location());
    expect(file).toBe(join(home, '.cache', 'truffle-spawn', 'ssh-keys.json'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a corrupt index reads as empty (a lost index only means --key)', async () => {
    await recordKey(location(), { keyPairName: 'a', fingerprint: 'f', privatePath: '/p' });
    await writeFile(keyIndexPath(location()), '{"v":1,"keys":{"a":');
    expect(await readKeyIndex(location())).toEqual({});
  });

  it('lives in the cache dir convention on Windows (%LOCALAPPDATA%)', () => {
    expect(
      keyIndexPath({ homedir: 'C:\\Users\\ada', platform: 'win32', env: { LOCALAPPDATA: 'D:\\Local' } }),
    ).toBe('D:\\Local\\truffle-spawn\\Cache\\ssh-keys.json');
  });
});

describe('resolveConnectKey', () => {
  it('`launch --key ~/k/myrsa` means connect uses ~/k/myrsa (through the index)', async () => {
    const key = await keyAt(join(home, 'myrsa'));
    await recordKey(location(), { ...key, privatePath: key.path });
    const instance = testInstance({ keyName: key.keyPairName });
    expect(await resolveConnectKey({ instance, location: location(), exists: existsSync })).toEqual({
      kind: 'path',
      path: key.path,
      source: 'index',
    });
  });

  it('--key wins over the index', async () => {
    const instance = testInstance({ keyName: 'spawn-0123456789abcdef' });
    expect(
      await resolveConnectKey({ instance, location: location(), exists: () => false, keyPath: '/x' }),
    ).toEqual({ kind: 'path', path: '/x', source: 'flag' });
  });

  it('no index: ~/.ssh/id_ed25519 is used only when its fingerprint names the key pair', async () => {
    const key = await keyAt(join(home, '.ssh', 'id_ed25519'));
    const mine = testInstance({ keyName: key.keyPairName });
    expect(
      await resolveConnectKey({ instance: mine, location: location(), exists: existsSync }),
    ).toMatchObject({
      path: key.path,
      source: 'fingerprint',
    });
    const someoneElses = testInstance({ name: 'theirs', keyName: 'spawn-ffffffffffffffff' });
    await expect(
      resolveConnectKey({
        instance: someoneElses,
        location: location(),
        exists: existsSync,
        keyPairFingerprint: async () => 'SHA256:theirs',
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('key pair spawn-ffffffffffffffff (fingerprint SHA256:theirs)'),
      hint: expect.stringContaining('spawn connect theirs --key PATH'),
    });
  });

  it('the recorded file is gone: says which key (pair name + fingerprint), where it was, and --key', async () => {
    const entry = {
      keyPairName: 'spawn-0123456789abcdef',
      fingerprint: 'SHA256:gone',
      privatePath: '/k/myrsa',
    };
    await recordKey(location(), entry);
    const instance = testInstance({ name: 'box', keyName: entry.keyPairName });
    const error = await resolveConnectKey({ instance, location: location(), exists: () => false }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message:
        'box was launched with key pair spawn-0123456789abcdef (fingerprint SHA256:gone); its private key was /k/myrsa, which no longer exists.',
      hint: expect.stringMatching(/spawn connect box --key PATH .*SHA256:gone/),
    });
  });

  it('an instance without a key pair, or with a key pair spawn did not import: ssh defaults', async () => {
    expect(
      await resolveConnectKey({
        instance: testInstance({ keyName: undefined }),
        location: location(),
        exists: () => true,
      }),
    ).toEqual({ kind: 'default' });
    expect(
      await resolveConnectKey({
        instance: testInstance({ keyName: 'team-key' }),
        location: location(),
        exists: () => true,
      }),
    ).toEqual({ kind: 'default' });
  });
});
