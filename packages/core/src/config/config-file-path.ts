import { posix, win32 } from 'node:path';

const APP = 'truffle-spawn';

/**
 * The directory of the defaults file: `$XDG_CONFIG_HOME/truffle-spawn` or `~/.config/truffle-spawn`
 * (macOS too, as gh and most CLIs do), `%APPDATA%\truffle-spawn` on Windows. It holds
 * `config.toml` or `config.json`. Pure: the caller passes platform, env and home.
 */
export function configDir(o: {
  platform: string;
  env: Record<string, string | undefined>;
  homedir: string;
}): string {
  if (o.platform === 'win32') {
    const roaming = o.env.APPDATA || win32.join(o.homedir, 'AppData', 'Roaming');
    return win32.join(roaming, APP);
  }
  const xdg = o.env.XDG_CONFIG_HOME;
  // The XDG spec says relative paths are invalid and must be ignored.
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(o.homedir, '.config');
  return posix.join(base, APP);
}
