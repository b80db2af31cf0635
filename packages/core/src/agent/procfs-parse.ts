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

const ESTABLISHED = '01';
const SSH_PORT = '0016';

/** Established TCP connections on local port 22, from /proc/net/tcp or /proc/net/tcp6. */
export function countSshConnections(text: string): number {
  let count = 0;
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const local = f[1];
    if (local && f[3] === ESTABLISHED && local.slice(local.lastIndexOf(':') + 1).toUpperCase() === SSH_PORT) {
      count++;
    }
  }
  return count;
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
