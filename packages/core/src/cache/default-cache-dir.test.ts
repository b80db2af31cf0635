import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from './default-cache-dir.ts';

describe('defaultCacheDir', () => {
  it.each([
    ['linux', {}, '/home/ada', '/home/ada/.cache/truffle-spawn'],
    ['linux', { XDG_CACHE_HOME: '/var/cache/ada' }, '/home/ada', '/var/cache/ada/truffle-spawn'],
    ['linux', { XDG_CACHE_HOME: '' }, '/home/ada', '/home/ada/.cache/truffle-spawn'],
    ['linux', { XDG_CACHE_HOME: 'relative/cache' }, '/home/ada', '/home/ada/.cache/truffle-spawn'],
    ['freebsd', { XDG_CACHE_HOME: '/tmp/xdg' }, '/home/ada', '/tmp/xdg/truffle-spawn'],
    ['darwin', { XDG_CACHE_HOME: '/tmp/xdg' }, '/Users/ada', '/Users/ada/Library/Caches/truffle-spawn'],
    [
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' },
      'C:\\Users\\ada',
      'C:\\Users\\ada\\AppData\\Local\\truffle-spawn\\Cache',
    ],
    ['win32', {}, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Local\\truffle-spawn\\Cache'],
  ])('%s %j in %s -> %s', (platform, env, homedir, expected) => {
    expect(defaultCacheDir({ platform, env, homedir })).toBe(expected);
  });
});
