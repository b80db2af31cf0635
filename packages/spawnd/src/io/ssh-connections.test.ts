import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countSshConnections } from '@truffle-spawn/core/agent';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSshConnections } from './ssh-connections.ts';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const line = (slot: number, local: string, remote: string, state: string) =>
  `${String(slot).padStart(4)}: ${local} ${remote} ${state} 00000000:00000000 00:00000000 00000000     0        0 ${1000 + slot} 1 0000000000000000 20 4 30 10 -1\n`;
const V6_HOST = '0000000000000000FFFF00000100000A';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spawnd-ssh-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function count(text: string) {
  const path = join(dir, 'tcp');
  await writeFile(path, text);
  return readSshConnections(path);
}

describe('SSH connections from /proc/net/tcp{,6}', () => {
  it.each([
    { name: 'header only', text: HEADER, n: 0 },
    {
      name: 'an established ssh session',
      text: HEADER + line(0, '0100000A:0016', '0200000A:D431', '01'),
      n: 1,
    },
    {
      name: 'the ssh listener (0A) is no session',
      text: HEADER + line(0, '00000000:0016', '00000000:0000', '0A'),
      n: 0,
    },
    {
      name: 'an outgoing ssh (remote port 22)',
      text: HEADER + line(0, '0100000A:D431', '0200000A:0016', '01'),
      n: 0,
    },
    {
      name: 'a closing ssh session (TIME_WAIT 06)',
      text: HEADER + line(0, '0100000A:0016', '0200000A:D431', '06'),
      n: 0,
    },
    { name: 'port 0x0160 is not 22', text: HEADER + line(0, '0100000A:0160', '0200000A:D431', '01'), n: 0 },
    { name: 'tcp6', text: HEADER + line(0, `${V6_HOST}:0016`, `${V6_HOST}:C001`, '01'), n: 1 },
    {
      name: 'no newline at the end',
      text: HEADER + line(0, '0100000A:0016', '0200000A:D431', '01').trimEnd(),
      n: 1,
    },
    { name: 'garbage', text: 'not: a tcp table\n::::\n 1: zz:0016 x:1 01\n', n: 0 },
  ])('$name → $n', async ({ text, n }) => {
    expect(await count(text)).toBe(n);
    expect(countSshConnections(text)).toBe(n);
  });

  it('counts a busy host table read in many pieces, lines cut at every boundary', async () => {
    // ~5,000 lines (~750 KB): many 32 KB pieces, so lines are split across pieces at varied offsets.
    let text = HEADER;
    let expected = 0;
    for (let i = 0; i < 5000; i++) {
      const ssh = i % 7 === 3;
      const established = i % 3 !== 0;
      if (ssh && established) expected++;
      const local = i % 2 ? `0100000A:${ssh ? '0016' : '1F90'}` : `${V6_HOST}:${ssh ? '0016' : '1F90'}`;
      text += line(
        i,
        local,
        `0200000A:${(0xc000 + i).toString(16).toUpperCase()}`,
        established ? '01' : '0A',
      );
    }
    expect(text.length).toBeGreaterThan(10 * 32 * 1024);
    expect(expected).toBeGreaterThan(400);
    expect(await count(text)).toBe(expected);
  });

  it('skips a line longer than a piece without losing the lines after it', async () => {
    const long = `   9: 0100000A:0016 0200000A:D431 01 ${'x'.repeat(70_000)}\n`;
    const ok = line(1, '0100000A:0016', '0200000A:D431', '01');
    expect(await count(HEADER + ok + long + ok + ok)).toBe(3);
  });

  it('is undefined when the file cannot be read', async () => {
    expect(await readSshConnections(join(dir, 'missing'))).toBeUndefined();
  });
});
