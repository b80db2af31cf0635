import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeUtmp, type UtmpLogin } from '@truffle-spawn/core/agent';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSample } from './sample.ts';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const SSH_ESTABLISHED =
  '   0: 0100000A:0016 0200000A:D431 01 00000000:00000000 00:00000000 00000000     0        0 1\n';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spawnd-sample-'));
  await mkdir(join(dir, 'proc/net'), { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function sessions(o: { tcp?: string; utmp?: Partial<UtmpLogin>[] | 'dir'; livePids?: number[] }) {
  await writeFile(join(dir, 'proc/net/tcp'), TCP_HEADER + (o.tcp ?? ''));
  for (const pid of o.livePids ?? []) await mkdir(join(dir, 'proc', String(pid)), { recursive: true });
  const utmpPath = join(dir, 'utmp');
  if (o.utmp === 'dir') await mkdir(utmpPath);
  else if (o.utmp) await writeFile(utmpPath, encodeUtmp(o.utmp));
  const s = await readSample({ procRoot: join(dir, 'proc'), utmpPath, nvidiaSmi: join(dir, 'none') }, 0);
  return s.sessions;
}

describe('readSample sessions (procfs + utmp)', () => {
  it.each([
    { name: 'no utmp file, no sockets', o: {}, n: 0 },
    { name: 'an ssh socket only', o: { tcp: SSH_ESTABLISHED }, n: 1 },
    {
      name: 'a detached tmux (live server, panes in utmp)',
      o: { utmp: [{ pid: 50, line: 'pts/1', host: 'tmux(50).%0' }], livePids: [50] },
      n: 0,
    },
    {
      name: 'a console login whose process is alive',
      o: { utmp: [{ pid: 51, line: 'ttyS0', host: '' }], livePids: [51] },
      n: 1,
    },
    { name: 'a stale console line (process gone)', o: { utmp: [{ pid: 52, line: 'tty1', host: '' }] }, n: 0 },
    { name: 'utmp unreadable (a directory): counts as active', o: { utmp: 'dir' as const }, n: undefined },
  ])('$name → $n', async ({ o, n }) => {
    expect(await sessions(o)).toBe(n);
  });
});
