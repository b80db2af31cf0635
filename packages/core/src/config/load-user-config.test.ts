import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir } from './config-file-path.ts';
import { loadUserConfig } from './load-user-config.ts';

describe('configDir', () => {
  it.each([
    ['linux', {}, '/home/u/.config/truffle-spawn'],
    ['linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/x/cfg/truffle-spawn'],
    ['linux', { XDG_CONFIG_HOME: 'relative' }, '/home/u/.config/truffle-spawn'],
    ['darwin', {}, '/home/u/.config/truffle-spawn'],
    ['win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u\\AppData\\Roaming\\truffle-spawn'],
  ])('%s %j -> %s', (platform, env, dir) => {
    expect(configDir({ platform, env, homedir: '/home/u' })).toBe(dir);
  });
});

/** A home whose ~/.config/truffle-spawn holds `files`. */
function homeWith(files: Record<string, string>): { homedir: string; dir: string } {
  const homedir = mkdtempSync(join(tmpdir(), 'config-test-'));
  const dir = join(homedir, '.config', 'truffle-spawn');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { homedir, dir };
}

const load = (homedir: string) => loadUserConfig({ platform: 'linux', env: {}, homedir });

describe('loadUserConfig', () => {
  it('no file: no values, no path', async () => {
    expect(await load(homeWith({}).homedir)).toEqual({ path: undefined, values: {} });
  });

  it('reads TOML and JSON with every key', async () => {
    const toml = homeWith({
      'config.toml':
        'region = "eu-west-1"\nttl = "8h"\nidle-timeout = "30m"\nssh-cidr = "203.0.113.7/32"\nkey = "~/.ssh/work"\n[tags]\nteam = "ml"\n',
    });
    const values = {
      region: 'eu-west-1',
      ttl: '8h',
      'idle-timeout': '30m',
      'ssh-cidr': '203.0.113.7/32',
      key: '~/.ssh/work',
      tags: { team: 'ml' },
    };
    expect(await load(toml.homedir)).toEqual({ path: join(toml.dir, 'config.toml'), values });
    const json = homeWith({ 'config.json': JSON.stringify(values) });
    expect(await load(json.homedir)).toEqual({ path: join(json.dir, 'config.json'), values });
  });

  it.each([
    ['region = "mars-1"', 'region:'],
    ['ttl = "forever"', 'ttl: Invalid ttl "forever".'],
    ['ssh-cidr = "10.0.0.1/8"', 'ssh-cidr:'],
    ['tags = { "spawn:managed" = "x" }', 'tags.spawn:managed: aws: and spawn: tag keys are reserved'],
    ['idle_timeout = "1h"', 'idle_timeout'],
    ['region = 5', 'region:'],
  ])('%s is CONFIG_INVALID naming the file and %s', async (line, key) => {
    const { homedir, dir } = homeWith({ 'config.toml': `${line}\n` });
    const error = await load(homedir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', exitCode: 2 });
    expect((error as Error).message).toContain(`Invalid value in ${join(dir, 'config.toml')}: `);
    expect((error as Error).message).toContain(key);
  });

  it('a file that does not parse, and two files, are CONFIG_INVALID too', async () => {
    const broken = homeWith({ 'config.toml': 'region = \n' });
    await expect(load(broken.homedir)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(`${join(broken.dir, 'config.toml')} is not valid TOML`),
    });
    const both = homeWith({ 'config.toml': '', 'config.json': '{}' });
    await expect(load(both.homedir)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('Both'),
    });
  });
});
