/** Cumulative CPU jiffies since boot, from the aggregate `cpu` line of /proc/stat. */
export interface CpuTimes {
  busy: number;
  total: number;
}

/** Parses /proc/stat; `undefined` when the aggregate line is missing or garbled. */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  // user nice system idle iowait irq softirq steal; guest time is already inside user.
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) return undefined;
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Total received + transmitted bytes of every interface except loopback, from /proc/net/dev. */
export function parseNetDev(text: string): number | undefined {
  let sum = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (name === 'lo' || name === '' || name.includes('|')) continue;
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    const rx = fields[0];
    const tx = fields[8];
    if (rx === undefined || tx === undefined || !Number.isFinite(rx) || !Number.isFinite(tx))
      return undefined;
    sum += rx + tx;
    seen = true;
  }
  return seen ? sum : undefined;
}

const ESTABLISHED = 0x01;
const SSH_PORT = 0x16;
const NL = 0x0a;

/** What {@link countSshLines} found in a piece of /proc/net/tcp{,6}. */
export interface SshLineCount {
  /** Established connections on local port 22 among the complete lines. */
  count: number;
  /** Offset just past the last complete line: the rest is the start of a line still to come. */
  consumed: number;
}

/**
 * Counts established TCP connections on local port 22 in `bytes[0, end)`, a piece of
 * /proc/net/tcp or /proc/net/tcp6, reading the bytes in place: on a busy host the file is
 * hundreds of KB, and splitting it into strings cost every cycle a large string and tens of
 * thousands of small ones, which grew V8's young generation for good (spawnd's resident memory).
 * Only lines ended by a newline count, unless `final` (the end of the file).
 */
export function countSshLines(bytes: Uint8Array, end: number, final: boolean): SshLineCount {
  let count = 0;
  let start = 0;
  while (start < end) {
    let nl = bytes.indexOf(NL, start);
    if (nl < 0 || nl >= end) {
      if (!final) break;
      nl = end;
    }
    if (isSshLine(bytes, start, nl)) count++;
    start = nl + 1;
  }
  return { count, consumed: Math.min(start, end) };
}

/**
 * `   0: 0100000A:0016 0200000A:D431 01 ...`: slot, local address:port, remote address:port, state
 * (ports `%04X`, state `%02X`). No allocation: indexes only.
 */
function isSshLine(b: Uint8Array, start: number, end: number): boolean {
  let i = skipSpaces(b, start, end);
  let j = i;
  while (j < end && isDigit(b[j] ?? 0)) j++;
  // The header line (`  sl  local_address ...`) has no slot number.
  if (j === i || b[j] !== COLON) return false;
  i = skipSpaces(b, j + 1, end);
  j = skipHex(b, i, end);
  if (j === i || b[j] !== COLON) return false;
  i = j + 1;
  j = skipHex(b, i, end);
  if (j - i !== 4 || hexValue(b, i, j) !== SSH_PORT) return false;
  i = skipSpaces(b, j, end);
  j = skipHex(b, i, end);
  if (j === i || b[j] !== COLON) return false;
  i = j + 1;
  j = skipHex(b, i, end);
  if (j === i) return false;
  i = skipSpaces(b, j, end);
  j = skipHex(b, i, end);
  return j - i === 2 && hexValue(b, i, j) === ESTABLISHED;
}

const COLON = 0x3a;

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function skipHex(b: Uint8Array, i: number, end: number): number {
  while (i < end && hexDigit(b[i] ?? 0) >= 0) i++;
  return i;
}

/** The value of a short run of hex digits (a port or a state: at most 4). */
function hexValue(b: Uint8Array, i: number, end: number): number {
  let value = 0;
  for (; i < end; i++) value = value * 16 + hexDigit(b[i] ?? 0);
  return value;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function skipSpaces(b: Uint8Array, i: number, end: number): number {
  while (i < end && (b[i] === 0x20 || b[i] === 0x09)) i++;
  return i;
}

/** Established TCP connections on local port 22, from the whole text of /proc/net/tcp or tcp6. */
export function countSshConnections(text: string): number {
  const bytes = new TextEncoder().encode(text);
  return countSshLines(bytes, bytes.length, true).count;
}

/** Highest utilisation (0..1) from `nvidia-smi --query-gpu=utilization.gpu --format=csv,noheader,nounits`. */
export function parseNvidiaSmi(text: string): number | undefined {
  const values = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(Number);
  if (values.length === 0 || values.some((n) => !Number.isFinite(n))) return undefined;
  return Math.max(...values) / 100;
}
