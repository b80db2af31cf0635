import { posix, win32 } from 'node:path';

const APP = 'truffle-spawn';

/**
 * The per-user cache directory following each platform's convention: `$XDG_CACHE_HOME/truffle-spawn`
 * or `~/.cache/truffle-spawn` on Linux and other Unixes, `~/Library/Caches/truffle-spawn` on macOS,
 * `%LOCALAPPDATA%\truffle-spawn\Cache` on Windows. Pure: the caller passes platform, env and home.
 */
export function defaultCacheDir(o: {
  platform: string;
  env: Record<string, string | undefined>;
  homedir: string;
}): string {
  if (o.platform === 'win32') {
    const local = o.env.LOCALAPPDATA || win32.join(o.homedir, 'AppData', 'Local');
    return win32.join(local, APP, 'Cache');
  }
  if (o.platform === 'darwin') return posix.join(o.homedir, 'Library', 'Caches', APP);
  const xdg = o.env.XDG_CACHE_HOME;
  // The XDG spec says relative paths are invalid and must be ignored.
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(o.homedir, '.cache');
  return posix.join(base, APP);
}
