import type { UtmpLogin } from './utmp-parse.ts';

/**
 * A terminal multiplexer's own pane entry: tmux (through libutempter) records panes with host
 * `tmux(<server pid>).%<pane>`, GNU screen with a host ending in `:S.<window>`. These entries
 * exist whether or not anyone is attached, so they never count: whoever attaches does so from a
 * terminal or SSH login of their own, which is counted.
 */
export function isMultiplexerPane(login: Pick<UtmpLogin, 'host'>): boolean {
  return /^tmux\(\d+\)\.%\d+$/.test(login.host) || /:S\.\d+$/.test(login.host);
}

export interface SessionCount {
  total: number;
  /** Established connections to sshd (port 22), including ones without a terminal. */
  ssh: number;
  /** Logged-in terminals from utmp whose process is alive, multiplexer panes excluded. */
  terminals: number;
}

/**
 * Interactive sessions right now. An SSH login with a pty appears both as a socket and as a utmp
 * line with a remote host, so remote terminals and SSH sockets overlap: the larger of the two is
 * taken, plus local terminals (console, serial, desktop), which have no host. Stale utmp lines
 * (a crashed login whose process is gone) are dropped with `isAlive`.
 */
export function countInteractiveSessions(
  sshConnections: number,
  logins: readonly UtmpLogin[],
  isAlive: (pid: number) => boolean,
): SessionCount {
  let remote = 0;
  let local = 0;
  for (const login of logins) {
    if (isMultiplexerPane(login) || !isAlive(login.pid)) continue;
    if (login.host === '' || login.host.startsWith(':')) local++;
    else remote++;
  }
  return { total: Math.max(sshConnections, remote) + local, ssh: sshConnections, terminals: remote + local };
}
