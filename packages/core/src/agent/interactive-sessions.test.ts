import { describe, expect, it } from 'vitest';
import { countInteractiveSessions, isMultiplexerPane } from './interactive-sessions.ts';
import { encodeUtmp, parseUtmp, type UtmpLogin } from './utmp-parse.ts';

/** Logins through real utmp bytes, so the table exercises parse and count together. */
const logins = (records: Partial<UtmpLogin>[]) => parseUtmp(encodeUtmp(records)) ?? [];
const alive = () => true;

describe('countInteractiveSessions', () => {
  it.each([
    { name: 'nobody', ssh: 0, records: [], total: 0 },
    { name: 'ssh without a terminal (scp, VS Code remote)', ssh: 1, records: [], total: 1 },
    {
      name: 'ssh with a pty: socket and utmp line are one session',
      ssh: 1,
      records: [{ pid: 10, line: 'pts/0', host: '203.0.113.9' }],
      total: 1,
    },
    {
      name: 'serial console login, no network',
      ssh: 0,
      records: [{ pid: 11, line: 'ttyS0', host: '' }],
      total: 1,
    },
    {
      name: 'desktop terminal on display :0',
      ssh: 0,
      records: [{ pid: 12, line: 'pts/1', host: ':0' }],
      total: 1,
    },
    {
      name: 'detached tmux alone: only pane entries',
      ssh: 0,
      records: [
        { pid: 20, line: 'pts/2', host: 'tmux(20).%0' },
        { pid: 20, line: 'pts/3', host: 'tmux(20).%1' },
      ],
      total: 0,
    },
    {
      name: 'detached screen alone',
      ssh: 0,
      records: [{ pid: 30, line: 'pts/4', host: 'ip-10-0-0-1:S.0' }],
      total: 0,
    },
    {
      name: 'tmux attached over ssh: the ssh login counts, the pane does not',
      ssh: 1,
      records: [
        { pid: 10, line: 'pts/0', host: '203.0.113.9' },
        { pid: 20, line: 'pts/2', host: 'tmux(20).%0' },
      ],
      total: 1,
    },
    {
      name: 'two ssh logins and a console',
      ssh: 2,
      records: [
        { pid: 10, line: 'pts/0', host: '203.0.113.9' },
        { pid: 13, line: 'pts/5', host: '198.51.100.7' },
        { pid: 11, line: 'ttyS0', host: '' },
      ],
      total: 3,
    },
  ])('$name → $total', ({ ssh, records, total }) => {
    expect(countInteractiveSessions(ssh, logins(records), alive).total).toBe(total);
  });

  it('drops stale utmp lines whose process is gone (a crashed login never cleaned up)', () => {
    const l = logins([
      { pid: 10, line: 'pts/0', host: '203.0.113.9' },
      { pid: 11, line: 'ttyS0', host: '' },
    ]);
    expect(countInteractiveSessions(0, l, (pid) => pid === 11)).toEqual({ total: 1, ssh: 0, terminals: 1 });
  });
});

describe('isMultiplexerPane', () => {
  it.each([
    { host: 'tmux(1234).%0', pane: true },
    { host: 'tmux(1).%12', pane: true },
    { host: 'myhost:S.3', pane: true },
    { host: 'tmux.example.com', pane: false },
    { host: '203.0.113.9', pane: false },
    { host: '', pane: false },
  ])('$host → $pane', ({ host, pane }) => {
    expect(isMultiplexerPane({ host })).toBe(pane);
  });
});
