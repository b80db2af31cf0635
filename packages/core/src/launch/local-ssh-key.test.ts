import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOrCreateSshKey } from './local-ssh-key.ts';

// Issue 12: local key trouble is a clear UserError from the lookup (before anything is created), never a stack trace.
const home = () => mkdtempSync(join(tmpdir(), 'spawn-key-'));
const find = (homedir: string, o: { dryRun?: boolean; keyPath?: string } = {}) =>
  findOrCreateSshKey({ homedir, platform: 'linux', ...o });

async function madeKey(): Promise<{ dir: string; path: string }> {
  const dir = home();
  const key = await find(dir);
  return { dir, path: key.privatePath };
}

const userError = (message: RegExp) =>
  expect.objectContaining({
    name: 'UserError',
    code: 'INVALID_INPUT',
    message: expect.stringMatching(message),
  });

describe('local SSH key edge cases', () => {
  it('~/.ssh is a file', async () => {
    const dir = home();
    writeFileSync(join(dir, '.ssh'), 'oops');
    await expect(find(dir)).rejects.toEqual(userError(/\.ssh is not a directory/));
  });

  it('~/.ssh is a dangling symlink', async () => {
    const dir = home();
    symlinkSync(join(dir, 'gone'), join(dir, '.ssh'));
    await expect(find(dir)).rejects.toEqual(userError(/symbolic link to something that does not exist/));
  });

  it('a private key with garbage and no .pub', async () => {
    const dir = home();
    mkdirSync(join(dir, '.ssh'));
    writeFileSync(join(dir, '.ssh', 'id_ed25519'), 'garbage', { mode: 0o600 });
    await expect(find(dir)).rejects.toEqual(userError(/not a key spawn can read/));
  });

  it('a garbage private key is refused even next to a .pub', async () => {
    const { path } = await madeKey();
    writeFileSync(path, 'garbage');
    await expect(find('/unused', { keyPath: path })).rejects.toEqual(userError(/not a key spawn can read/));
  });

  it('a .pub that does not match its private key', async () => {
    const a = await madeKey();
    const b = await madeKey();
    copyFileSync(`${b.path}.pub`, `${a.path}.pub`);
    await expect(find(a.dir)).rejects.toEqual(userError(/does not match the private key/));
  });

  it('a .pub that is not a public key line', async () => {
    const a = await madeKey();
    writeFileSync(`${a.path}.pub`, 'hello world\n');
    await expect(find(a.dir)).rejects.toEqual(userError(/not an OpenSSH public key|does not match/));
  });

  it('a .pub without its private key', async () => {
    const a = await madeKey();
    const other = home();
    mkdirSync(join(other, '.ssh'));
    copyFileSync(`${a.path}.pub`, join(other, '.ssh', 'id_ed25519.pub'));
    await expect(find(other)).rejects.toEqual(userError(/private key is missing/));
  });

  it('an OpenSSH private key without a .pub is used (public half derived)', async () => {
    const a = await madeKey();
    const pub = readFileSync(`${a.path}.pub`, 'utf8').trim();
    const other = home();
    mkdirSync(join(other, '.ssh'));
    copyFileSync(a.path, join(other, '.ssh', 'id_ed25519'));
    const key = await find(other);
    expect(key.publicLine.split(' ').slice(0, 2)).toEqual(pub.split(' ').slice(0, 2));
  });

  it('a private key readable by others is set to 0600 (a dry run only says so)', async () => {
    const a = await madeKey();
    chmodSync(a.path, 0o644);
    expect(await find(a.dir, { dryRun: true })).toMatchObject({ modeFixed: true });
    expect(statSync(a.path).mode & 0o777).toBe(0o644);
    expect(await find(a.dir)).toMatchObject({ modeFixed: true });
    expect(statSync(a.path).mode & 0o777).toBe(0o600);
    expect(await find(a.dir)).toMatchObject({ modeFixed: false });
  });

  it('five launches sharing a HOME without a key all end up with the same one', async () => {
    const dir = home();
    const keys = await Promise.all(Array.from({ length: 5 }, () => find(dir)));
    expect(new Set(keys.map((k) => k.fingerprint)).size).toBe(1);
    expect(keys.filter((k) => k.created)).toHaveLength(1);
  });
});
