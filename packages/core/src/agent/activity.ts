import type { IdleThresholds } from './agent-config.ts';
import type { CpuTimes } from './procfs-parse.ts';

/** One raw reading of the machine; `undefined` fields could not be read (and count as active). */
export interface ActivitySample {
  /** Epoch ms (wall clock) when it was taken. */
  at: number;
  cpu: CpuTimes | undefined;
  /** Cumulative non-loopback bytes since boot. */
  networkBytes: number | undefined;
  /** SSH connections and attached terminals right now (a detached tmux is not one). */
  sessions: number | undefined;
  /** GPU utilisation 0..1; `null` when the machine has no GPU. */
  gpu: number | null | undefined;
}

/** `job`: a `spawn run` job queued or running (idle detection is off until it ends). */
export type SignalName = 'cpu' | 'network' | 'sessions' | 'gpu' | 'job';

export interface SignalReport {
  name: SignalName;
  /** True when this signal keeps the instance alive. */
  active: boolean;
  detail: string;
}

const pct = (f: number) => `${(f * 100).toFixed(1)}%`;

/**
 * Judges each signal on the delta between two consecutive samples (totals since boot say
 * nothing about now). Without a usable previous sample the counters count as active.
 */
export function evaluateSignals(
  sample: ActivitySample,
  previous: ActivitySample | undefined,
  t: IdleThresholds,
): SignalReport[] {
  const seconds = previous ? (sample.at - previous.at) / 1000 : 0;
  const usable = previous !== undefined && seconds > 0;
  const reports: SignalReport[] = [];

  const cpuDelta =
    usable && sample.cpu && previous.cpu
      ? { busy: sample.cpu.busy - previous.cpu.busy, total: sample.cpu.total - previous.cpu.total }
      : undefined;
  if (!cpuDelta || cpuDelta.total <= 0 || cpuDelta.busy < 0) {
    reports.push({ name: 'cpu', active: true, detail: 'cpu: no usable reading yet (counts as active)' });
  } else {
    const busy = cpuDelta.busy / cpuDelta.total;
    reports.push({ name: 'cpu', active: busy >= t.cpuFraction, detail: `cpu ${pct(busy)} busy` });
  }

  const net =
    usable && sample.networkBytes !== undefined && previous.networkBytes !== undefined
      ? sample.networkBytes - previous.networkBytes
      : undefined;
  if (net === undefined || net < 0) {
    reports.push({
      name: 'network',
      active: true,
      detail: 'network: no usable reading yet (counts as active)',
    });
  } else {
    const rate = net / seconds;
    reports.push({
      name: 'network',
      active: rate >= t.networkBytesPerSecond,
      detail: `network ${Math.round(rate)} B/s`,
    });
  }

  if (sample.sessions === undefined) {
    reports.push({ name: 'sessions', active: true, detail: 'sessions: unreadable (counts as active)' });
  } else {
    reports.push({
      name: 'sessions',
      active: sample.sessions > 0,
      detail: `${sample.sessions} interactive session(s)`,
    });
  }

  if (sample.gpu === undefined) {
    reports.push({ name: 'gpu', active: true, detail: 'gpu: nvidia-smi failed (counts as active)' });
  } else if (sample.gpu !== null) {
    reports.push({ name: 'gpu', active: sample.gpu >= t.gpuFraction, detail: `gpu ${pct(sample.gpu)} busy` });
  }
  return reports;
}
