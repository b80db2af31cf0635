import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBenchMoto } from './bench/_moto.ts';
import { nodeBinary } from './bench/_node-binaries.ts';
import { cpuSeconds, memoryMb } from './bench/_proc.ts';
import { note, part, valueLine } from './bench/_report.ts';
import { formatBreakdown, type MemoryBreakdown, memoryBreakdown } from './bench/_smaps.ts';
import { prepareSpawndTarget } from './bench/_spawnd-target.ts';
import { buildSpawnd, compressSpawnd, SEA_NODE_VERSION, spawndArtifactPath } from './build-spawnd.ts';

// spawnd footprint: the built x64 executable running `spawnd run` at its default interval against
// moto and the fake IMDS, guarding an instance whose TTL and idle timeout are a day away, side by
// side with the floor: the Node binary the executable embeds, idle on a timer.
// The 80 s figure always; BENCH_SPAWND_SECONDS=600 adds the 600 s one (opt-in: 10 more minutes).
const SECONDS = Math.max(80, Number(process.env.BENCH_SPAWND_SECONDS) || 0);
const CHECKPOINTS = [...new Set([80, SECONDS])];
// CPU is judged after start-up: booting the runtime is paid once per boot, not per interval.
const WARMUP_S = 5;
const RSS_TARGET_MB = 52;
const RATIO_TARGET = 1.25;
const CPU_TARGET_PCT = 0.1;
const FLOOR_SCRIPT = 'setInterval(() => {}, 60000)';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

await part('spawnd build', async () => {
  if (!existsSync(spawndArtifactPath('x64')) || process.env.BENCH_NO_BUILD !== '1') await buildSpawnd();
  const exe = spawndArtifactPath('x64');
  const raw = statSync(exe).size;
  const gz = compressSpawnd(readFileSync(exe)).length;
  valueLine(
    'spawnd',
    'download at boot (x64, gzip -9)',
    `${mb(gz)} (${mb(raw)} raw, ${((gz / raw) * 100).toFixed(0)} %)`,
  );
});

interface Subject {
  name: string;
  child: ChildProcess;
  log: string;
}

/**
 * Fresh copies of both binaries, side by side: the resident pages of a mapped executable depend on
 * how its file got into the page cache, i.e. the size of its page-cache folios: a copy (as `install`
 * makes on an instance) maps about 36 MB of spawnd's binary, the file just written in one piece by
 * build-spawnd 55 MB, the file evicted and then read whole (sha256sum) 69 MB. Subject and floor
 * therefore start from fresh copies, in the same state.
 */
function freshCopies(dir: string): { spawnd: string; node: string } {
  const spawnd = join(dir, 'spawnd');
  const node = join(dir, 'node');
  copyFileSync(spawndArtifactPath('x64'), spawnd);
  copyFileSync(nodeBinary(SEA_NODE_VERSION, 'x64'), node);
  execFileSync('chmod', ['755', spawnd, node]);
  return { spawnd, node };
}

function start(name: string, file: string, args: string[], env: Record<string, string>): Subject {
  const child = spawn(file, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const s: Subject = { name, child, log: '' };
  child.stderr?.on('data', (c: Buffer) => {
    s.log += c.toString();
  });
  return s;
}

function sample(s: Subject): MemoryBreakdown {
  if (s.child.exitCode !== null)
    throw new Error(`${s.name} exited ${s.child.exitCode}:\n${s.log.slice(-600)}`);
  return memoryBreakdown(s.child.pid ?? 0);
}

await part('spawnd run', async () => {
  if (!existsSync(spawndArtifactPath('x64'))) throw new Error('spawnd is missing (run `pnpm build:spawnd`)');
  const dir = mkdtempSync(join(tmpdir(), 'bench-spawnd-bin-'));
  const moto = await useBenchMoto();
  const target = await prepareSpawndTarget(moto);
  const bins = freshCopies(dir);
  const floor = start(`Node ${SEA_NODE_VERSION} idle`, bins.node, ['-e', FLOOR_SCRIPT], {});
  const agent = start('spawnd', bins.spawnd, ['run'], target.env);
  try {
    const pid = agent.child.pid ?? 0;
    const started = Date.now();
    let cpuAtWarm = 0;
    for (let s = 1; s <= SECONDS; s++) {
      await new Promise((r) => setTimeout(r, started + s * 1000 - Date.now()));
      sample(floor);
      sample(agent);
      if (s === WARMUP_S) cpuAtWarm = cpuSeconds(pid);
      if (!CHECKPOINTS.includes(s)) continue;
      const a = sample(agent);
      const f = sample(floor);
      const ratio = a.rss / f.rss;
      valueLine(
        'spawnd',
        `resident memory after ${s} s`,
        `${a.rss.toFixed(1)} MB = ${ratio.toFixed(2)}x Node ${SEA_NODE_VERSION} idle (${f.rss.toFixed(1)} MB), peak ${memoryMb(pid).peak.toFixed(1)} MB`,
        {
          text: `<= ${RATIO_TARGET}x and <= ${RSS_TARGET_MB} MB`,
          ok: ratio <= RATIO_TARGET && a.rss <= RSS_TARGET_MB,
        },
        { node: SEA_NODE_VERSION },
      );
      note(`spawnd: ${formatBreakdown(a)}\nfloor:  ${formatBreakdown(f)}`);
    }
    if (SECONDS < 600) note('600 s figure: BENCH_SPAWND_SECONDS=600 (opt-in, 10 more minutes)');
    const cpuTotal = cpuSeconds(pid);
    const steadyPct = ((cpuTotal - cpuAtWarm) / (SECONDS - WARMUP_S)) * 100;
    const status = join(target.runtimeDir, 'status.json');
    if (!existsSync(status))
      throw new Error(`spawnd wrote no status file in ${SECONDS} s:\n${agent.log.slice(-600)}`);
    valueLine(
      'spawnd',
      'CPU, % of one core (after start-up)',
      `${steadyPct.toFixed(3)} %`,
      {
        text: `< ${CPU_TARGET_PCT} %`,
        ok: steadyPct < CPU_TARGET_PCT,
      },
      { node: SEA_NODE_VERSION },
    );
    note(
      `start-up CPU ${(cpuAtWarm * 1000).toFixed(0)} ms; whole run ${((cpuTotal / SECONDS) * 100).toFixed(3)} % ` +
        `over ${SECONDS} s at the default 60 s interval`,
    );
    const errors = agent.log.split('\n').filter((l) => / (warn|error): /.test(l));
    if (errors.length) note(`spawnd logged: ${errors.slice(0, 3).join(' | ')}`);
  } finally {
    agent.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    await target.dispose();
    moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
