import { cpus, loadavg } from 'node:os';

// "AMD EPYC 7763 64-Core Processor" -> "AMD EPYC 7763": the marketing tail only widens the line.
const cpuModel = (cpus()[0]?.model ?? 'unknown CPU')
  .replace(/\((R|TM)\)/g, '')
  .replace(/\s+(\d+-Core\s+)?Processor.*$/, '')
  .replace(/\s+CPU\s+@.*$/, '')
  .replace(/\s+/g, ' ')
  .trim();

/**
 * Where a figure was measured, e.g. `[node 20.20.2, AMD EPYC x2, load 1.9]`: the Node version
 * (`node` when the subject ran on another Node than this process, as startup's 22/24 runs do),
 * the CPU model and core count, and the 1-minute load average when the figure was printed.
 */
export function machineTag(node: string = process.version): string {
  return `[node ${node.replace(/^v/, '')}, ${cpuModel} x${cpus().length}, load ${loadavg()[0]?.toFixed(1)}]`;
}
