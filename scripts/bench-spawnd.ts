import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { useBenchMoto } from './bench/_moto.ts';
import { cpuSeconds, memoryMb } from './bench/_proc.ts';
import { note, part, valueLine } from './bench/_report.ts';
import { prepareSpawndTarget } from './bench/_spawnd-target.ts';
import { buildSpawnd, spawndArtifactPath } from './build-spawnd.ts';

// spawnd footprint: the built x64 executable running `spawnd run` at its default interval against
// moto and the fake IMDS, guarding an instance whose TTL and idle timeout are a day away.
// BENCH_SPAWND_SECONDS lengthens the run (default 80 s: start-up plus two check cycles).
const SECONDS = Number(process.env.BENCH_SPAWND_SECONDS) > 0 ? Number(process.env.BENCH_SPAWND_SECONDS) : 80;
// CPU is judged after start-up: booting the runtime is paid once per boot, not per interval.
const WARMUP_S = 5;
const RSS_TARGET_MB = 60;
const CPU_TARGET_PCT = 0.1;

async function gzipSize(file: string): Promise<number> {
  let size = 0;
  const count = new Writable({
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done();
    },
  });
  await pipeline(createReadStream(file), createGzip(), count);
  return size;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

await part('spawnd build', async () => {
  if (!existsSync(spawndArtifactPath('x64')) || process.env.BENCH_NO_BUILD !== '1') await buildSpawnd();
  const exe = spawndArtifactPath('x64');
  valueLine(
    'spawnd',
    'executable size (x64)',
    `${mb(statSync(exe).size)} raw, ${mb(await gzipSize(exe))} gzip`,
  );
});

await part('spawnd run', async () => {
  const exe = spawndArtifactPath('x64');
  if (!existsSync(exe)) throw new Error(`${exe} is missing (run \`pnpm build:spawnd\`)`);
  const moto = await useBenchMoto();
  const target = await prepareSpawndTarget(moto);
  const child = spawn(exe, ['run'], {
    env: { PATH: process.env.PATH ?? '', ...target.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (c: Buffer) => {
    log += c.toString();
  });
  try {
    const pid = child.pid ?? 0;
    const started = Date.now();
    let rss = 0;
    let peak = 0;
    let cpuAtWarm = 0;
    for (let s = 1; s <= SECONDS; s++) {
      await new Promise((r) => setTimeout(r, started + s * 1000 - Date.now()));
      if (child.exitCode !== null) throw new Error(`spawnd exited ${child.exitCode}:\n${log.slice(-600)}`);
      ({ rss, peak } = memoryMb(pid));
      if (s === WARMUP_S) cpuAtWarm = cpuSeconds(pid);
    }
    const cpuTotal = cpuSeconds(pid);
    const steadyPct = ((cpuTotal - cpuAtWarm) / (SECONDS - WARMUP_S)) * 100;
    const status = join(target.runtimeDir, 'status.json');
    if (!existsSync(status))
      throw new Error(`spawnd wrote no status file in ${SECONDS} s:\n${log.slice(-600)}`);
    valueLine(
      'spawnd',
      `resident memory after ${SECONDS} s`,
      `${rss.toFixed(1)} MB (peak ${peak.toFixed(1)} MB)`,
      {
        text: `< ${RSS_TARGET_MB} MB`,
        ok: peak < RSS_TARGET_MB,
      },
    );
    valueLine('spawnd', 'CPU, % of one core (after start-up)', `${steadyPct.toFixed(3)} %`, {
      text: `< ${CPU_TARGET_PCT} %`,
      ok: steadyPct < CPU_TARGET_PCT,
    });
    note(
      `start-up CPU ${(cpuAtWarm * 1000).toFixed(0)} ms; whole run ${((cpuTotal / SECONDS) * 100).toFixed(3)} % ` +
        `over ${SECONDS} s at the default 60 s interval (BENCH_SPAWND_SECONDS to lengthen)`,
    );
    const errors = log.split('\n').filter((l) => / (warn|error): /.test(l));
    if (errors.length) note(`spawnd logged: ${errors.slice(0, 3).join(' | ')}`);
  } finally {
    child.kill('SIGTERM');
    await target.dispose();
    moto.stop();
  }
});
