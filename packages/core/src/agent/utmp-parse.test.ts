import { describe, expect, it } from 'vitest';
import { encodeUtmp, parseUtmp, UTMP_RECORD_SIZE } from './utmp-parse.ts';

const T = Date.parse('2030-01-01T00:00:00Z');

/** Bytes as glibc writes them, built by hand (independent of encodeUtmp) for one record. */
function handMadeRecord(): Uint8Array {
  const buf = new Uint8Array(UTMP_RECORD_SIZE);
  const view = new DataView(buf.buffer);
  view.setInt16(0, 7, true); // ut_type USER_PROCESS
  view.setInt32(4, 4242, true); // ut_pid
  buf.set(new TextEncoder().encode('pts/3'), 8); // ut_line[32]
  buf.set(new TextEncoder().encode('ts/3'), 40); // ut_id[4]
  buf.set(new TextEncoder().encode('ec2-user'), 44); // ut_user[32]
  buf.set(new TextEncoder().encode('203.0.113.9'), 76); // ut_host[256]
  view.setInt32(336, 99, true); // ut_session
  view.setInt32(340, T / 1000, true); // ut_tv.tv_sec
  view.setInt32(344, 123_456, true); // ut_tv.tv_usec
  return buf;
}

describe('parseUtmp', () => {
  it('reads a glibc x86_64/aarch64 record at the documented offsets', () => {
    expect(parseUtmp(handMadeRecord())).toEqual([
      { pid: 4242, line: 'pts/3', user: 'ec2-user', host: '203.0.113.9', at: T },
    ]);
  });

  it.each([
    { name: 'BOOT_TIME', type: 2 },
    { name: 'INIT_PROCESS', type: 5 },
    { name: 'LOGIN_PROCESS (getty prompt)', type: 6 },
    { name: 'DEAD_PROCESS (logged out)', type: 8 },
    { name: 'EMPTY', type: 0 },
  ])('drops $name records', ({ type }) => {
    expect(parseUtmp(encodeUtmp([{ type, pid: 1, line: 'tty1', user: 'x' }]))).toEqual([]);
  });

  it('keeps user processes among other records, in order, with fields filling their whole width', () => {
    const user32 = 'u'.repeat(32);
    const bytes = encodeUtmp([
      { type: 2, line: '~' },
      { pid: 10, line: 'pts/0', user: user32, host: 'tmux(77).%0', at: T },
      { type: 8, pid: 11, line: 'pts/1' },
      { pid: 12, line: 'ttyS0', user: 'root', host: '', at: T + 1000 },
    ]);
    expect(parseUtmp(bytes)).toEqual([
      { pid: 10, line: 'pts/0', user: user32, host: 'tmux(77).%0', at: T },
      { pid: 12, line: 'ttyS0', user: 'root', host: '', at: T + 1000 },
    ]);
  });

  it.each([
    { name: 'empty file', size: 0, result: [] },
    { name: 'truncated record', size: UTMP_RECORD_SIZE - 1, result: undefined },
    { name: 'a record and a half', size: UTMP_RECORD_SIZE + 100, result: undefined },
  ])('$name', ({ size, result }) => {
    expect(parseUtmp(new Uint8Array(size))).toEqual(result);
  });
});
