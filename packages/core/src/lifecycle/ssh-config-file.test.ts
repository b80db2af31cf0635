import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  refreshSshHostEntry,
  removeSshHostEntry,
  sshConfigPaths,
  writeSshHostEntry,
} from './ssh-config-file.ts';
import type { SshHostEntry } from './ssh-config-text.ts';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'spawn-sshcfg-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const entry = (o: Partial<SshHostEntry> = {}): SshHostEntry => ({
  name: 'box',
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  hostName: '203.0.113.10',
  user: 'ec2-user',
  identityFile: '/home/ada/.ssh/id_ed25519',
  ...o,
});
const at = () => sshConfigPaths(home, 'linux');
const read = (p: string) => readFile(p, 'utf8');
const write = (e: SshHostEntry) => writeSshHostEntry({ homedir: home, platform: 'linux', entry: e });

const USER_CONFIG = 'Host github.com\n  User git\n\nHost *\n  ServerAliveInterval 30\n';

describe('~/.ssh/config.d/spawn in a temp HOME', () => {
  it('adds the Include once at the top, backs the config up first, keeps the rest byte for byte', async () => {
    await mkdir(at().sshDir, { recursive: true });
    await writeFile(at().config, USER_CONFIG, { mode: 0o644 });
    const first = await write(entry());
    expect(first).toMatchObject({ kind: 'written', includeAdded: true, backup: at().backup });
    expect(await read(at().backup)).toBe(USER_CONFIG);
    const config = await read(at().config);
    expect(config.split('\n').find((l) => !l.startsWith('#'))).toBe('Include config.d/spawn');
    expect(config.endsWith(USER_CONFIG)).toBe(true);
    // The user's mode is kept; spawn's own file is private.
    expect((await stat(at().config)).mode & 0o777).toBe(0o644);
    expect((await stat(at().spawnFile)).mode & 0o777).toBe(0o600);

    const second = await write(entry({ name: 'other', instanceId: 'i-0fedcba9876543210' }));
    expect(second).toMatchObject({ kind: 'written', includeAdded: false });
    expect((await read(at().config)).match(/Include config\.d\/spawn/g)).toHaveLength(1);
    expect(await read(at().backup)).toBe(USER_CONFIG);
    const spawnFile = await read(at().spawnFile);
    expect(spawnFile).toContain('Host box\n  HostName 203.0.113.10\n  User ec2-user\n');
    expect(spawnFile).toContain('  IdentityFile "/home/ada/.ssh/id_ed25519"');
    expect(spawnFile).toContain('  StrictHostKeyChecking accept-new');
    expect(spawnFile).toContain('Host other\n');
  });

  it('no ~/.ssh/config yet: creates it (0600) holding only the Include; no backup of nothing', async () => {
    const r = await write(entry());
    expect(r).toMatchObject({ kind: 'written', includeAdded: true, backup: undefined });
    expect(await read(at().config)).toMatch(/^# .*\nInclude config\.d\/spawn\n$/);
    expect((await stat(at().config)).mode & 0o777).toBe(0o600);
    await expect(lstat(at().backup)).rejects.toThrow();
  });

  it('an Include the user already has (config.d/*) is not duplicated and the config is not touched', async () => {
    await mkdir(at().sshDir, { recursive: true });
    const mine = 'Include ~/.ssh/config.d/*\n\nHost x\n  User y\n';
    await writeFile(at().config, mine);
    expect(await write(entry())).toMatchObject({ includeAdded: false, includeRemovedByUser: false });
    expect(await read(at().config)).toBe(mine);
    await expect(lstat(at().backup)).rejects.toThrow();
  });

  it('an Include the user removed after spawn added it stays removed (the backup marks "added once")', async () => {
    await mkdir(at().sshDir, { recursive: true });
    await writeFile(at().config, USER_CONFIG);
    await write(entry());
    await writeFile(at().config, USER_CONFIG);
    expect(await write(entry({ name: 'two', instanceId: 'i-0000000000000000a' }))).toMatchObject({
      includeAdded: false,
      includeRemovedByUser: true,
    });
    expect(await read(at().config)).toBe(USER_CONFIG);
  });

  it('CRLF and a BOM survive: the BOM stays first, the Include line uses CRLF', async () => {
    await mkdir(at().sshDir, { recursive: true });
    await writeFile(at().config, '\uFEFFHost a\r\n  User b\r\n');
    await write(entry());
    expect(await read(at().config)).toMatch(
      /^\uFEFF# [^\n]*\r\nInclude config\.d\/spawn\r\n\r\nHost a\r\n {2}User b\r\n$/,
    );
  });

  it('a symlinked ~/.ssh/config (dotfiles) is edited at its target and stays a symlink', async () => {
    await mkdir(at().sshDir, { recursive: true });
    const target = join(home, 'dotfiles-ssh-config');
    await writeFile(target, USER_CONFIG);
    await symlink(target, at().config);
    await write(entry());
    expect((await lstat(at().config)).isSymbolicLink()).toBe(true);
    expect(await read(target)).toContain('Include config.d/spawn');
  });

  it('terminate removes the entry (others stay); start refreshes the address', async () => {
    await write(entry());
    await write(entry({ name: 'keep', instanceId: 'i-0000000000000000b', hostName: '198.51.100.1' }));
    expect(
      await refreshSshHostEntry({
        homedir: home,
        platform: 'linux',
        instanceId: 'i-0123456789abcdef0',
        hostName: '203.0.113.99',
      }),
    ).toBe(true);
    expect(await read(at().spawnFile)).toContain('Host box\n  HostName 203.0.113.99\n');
    expect(
      await removeSshHostEntry({ homedir: home, platform: 'linux', instanceId: 'i-0123456789abcdef0' }),
    ).toBe(true);
    const after = await read(at().spawnFile);
    expect(after).not.toContain('Host box');
    expect(after).toContain('Host keep\n  HostName 198.51.100.1\n');
    expect(
      await removeSshHostEntry({ homedir: home, platform: 'linux', instanceId: 'i-0123456789abcdef0' }),
    ).toBe(false);
  });

  it('a relaunch under the same name replaces the old entry instead of shadowing it', async () => {
    await write(entry());
    await write(entry({ instanceId: 'i-0000000000000000c', hostName: '198.51.100.7' }));
    const text = await read(at().spawnFile);
    expect(text.match(/^Host box$/gm)).toHaveLength(1);
    expect(text).toContain('HostName 198.51.100.7');
  });

  it('twenty concurrent launches sharing a HOME lose no entry', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        write(entry({ name: `box${i}`, instanceId: `i-${i.toString(16).padStart(17, '0')}` })),
      ),
    );
    const text = await read(at().spawnFile);
    expect(text.match(/^Host box\d+$/gm)).toHaveLength(20);
    expect((await read(at().config)).match(/Include/g)).toHaveLength(1);
  });

  it.each([
    ['a newline and a directive', 'box\n  ProxyCommand touch /tmp/pwned'],
    ['a space (two patterns)', 'box evil'],
    ['a pattern', 'box*'],
    ['a negation', '!box'],
    ['an option-like name', '-oProxyCommand=x'],
  ])('a hostile Name (%s) is refused and nothing is written', async (_what, name) => {
    await mkdir(at().sshDir, { recursive: true });
    await writeFile(at().config, USER_CONFIG);
    const r = await write(entry({ name }));
    expect(r).toMatchObject({ kind: 'refused', reason: expect.stringContaining('name') });
    await expect(lstat(at().spawnFile)).rejects.toThrow();
    expect(await read(at().config)).toBe(USER_CONFIG);
  });

  it.each([
    ['user', { user: 'root\n  ProxyCommand x' }],
    ['address', { hostName: '1.2.3.4 -oProxyCommand=x' }],
    ['key path', { identityFile: '/k"\n  ProxyCommand x' }],
  ])('a hostile %s is refused too', async (_what, bad) => {
    expect(await write(entry(bad))).toMatchObject({ kind: 'refused' });
    await expect(lstat(at().spawnFile)).rejects.toThrow();
  });

  it('a % in the key path is doubled (ssh expands %x tokens in IdentityFile)', async () => {
    await write(entry({ identityFile: '/keys/100%/k' }));
    expect(await read(at().spawnFile)).toContain('IdentityFile "/keys/100%%/k"');
  });
});

describe('sshConfigPaths on Windows', () => {
  it('uses %USERPROFILE%\\.ssh with backslashes', () => {
    expect(sshConfigPaths('C:\\Users\\ada', 'win32')).toEqual({
      sshDir: 'C:\\Users\\ada\\.ssh',
      config: 'C:\\Users\\ada\\.ssh\\config',
      backup: 'C:\\Users\\ada\\.ssh\\config.spawn-backup',
      spawnFile: 'C:\\Users\\ada\\.ssh\\config.d\\spawn',
    });
  });
});
