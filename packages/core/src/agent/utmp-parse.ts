/** glibc `struct utmp` on x86_64 and aarch64 (32-bit times for compatibility): 384 bytes. */
export const UTMP_RECORD_SIZE = 384;
/** `ut_type` of a logged-in user (login, sshd with a pty, terminal emulators, tmux via utempter). */
export const USER_PROCESS = 7;

const OFFSET = { type: 0, pid: 4, line: 8, user: 44, host: 76, tvSec: 340 } as const;
const LENGTH = { line: 32, user: 32, host: 256 } as const;

/** One USER_PROCESS record of utmp. */
export interface UtmpLogin {
  pid: number;
  /** Terminal, e.g. `pts/0`, `ttyS0`. */
  line: string;
  user: string;
  /** Remote address for SSH, empty for a console, `tmux(1234).%0` for a tmux pane. */
  host: string;
  /** Epoch ms of the login. */
  at: number;
}

function cString(buf: Uint8Array, start: number, length: number): string {
  const field = buf.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
}

/**
 * Parses the binary utmp file into its logged-in users (other record types, such as boot time,
 * dead processes and login prompts, are dropped). `undefined` when the size is not a whole
 * number of records: not a utmp of this layout, so it cannot be trusted.
 */
export function parseUtmp(buf: Uint8Array): UtmpLogin[] | undefined {
  if (buf.byteLength % UTMP_RECORD_SIZE !== 0) return undefined;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const logins: UtmpLogin[] = [];
  for (let base = 0; base < buf.byteLength; base += UTMP_RECORD_SIZE) {
    if (view.getInt16(base + OFFSET.type, true) !== USER_PROCESS) continue;
    logins.push({
      pid: view.getInt32(base + OFFSET.pid, true),
      line: cString(buf, base + OFFSET.line, LENGTH.line),
      user: cString(buf, base + OFFSET.user, LENGTH.user),
      host: cString(buf, base + OFFSET.host, LENGTH.host),
      at: view.getInt32(base + OFFSET.tvSec, true) * 1000,
    });
  }
  return logins;
}

/** Encodes records in the same layout (tests build utmp files with it). */
export function encodeUtmp(records: readonly (Partial<UtmpLogin> & { type?: number })[]): Uint8Array {
  const buf = new Uint8Array(records.length * UTMP_RECORD_SIZE);
  const view = new DataView(buf.buffer);
  const put = (at: number, text: string, length: number) =>
    buf.set(new TextEncoder().encode(text).subarray(0, length), at);
  records.forEach((r, i) => {
    const base = i * UTMP_RECORD_SIZE;
    view.setInt16(base + OFFSET.type, r.type ?? USER_PROCESS, true);
    view.setInt32(base + OFFSET.pid, r.pid ?? 0, true);
    put(base + OFFSET.line, r.line ?? '', LENGTH.line);
    put(base + OFFSET.user, r.user ?? '', LENGTH.user);
    put(base + OFFSET.host, r.host ?? '', LENGTH.host);
    view.setInt32(base + OFFSET.tvSec, Math.floor((r.at ?? 0) / 1000), true);
  });
  return buf;
}
