import { join } from 'node:path';
import { parseAwsCalls, sequentialRounds } from './bench/_aws-calls.ts';
import { compileScript } from './bench/_compile.ts';
import { anyImageId, LAUNCH_ARGS } from './bench/_launch-setup.ts';
import { HEAVY, loadedPackages } from './bench/_module-trace.ts';
import { useBenchMoto } from './bench/_moto.ts';
import { ROOT, requireBuilt, SPAWN_BIN, sdkEnv, tempHome } from './bench/_paths.ts';
import { fmtMs, note, part, ratioLine } from './bench/_report.ts';
import { runOk } from './bench/_run.ts';
import { interleave, median, runsWanted } from './bench/_stats.ts';

// Launch critical path: `spawn` flags mode vs RunInstances + waiter, alternately, same moto. The
// warm-up launch creates the spawnd role and the SSH key, so the timed runs are the steady state
// of a user's second and later launches (the first launch is counted in bench-api-calls).
const TARGET = 1.5;

requireBuilt();
const moto = await useBenchMoto();

/** Where a launch's wall time went: before the first AWS call, between first and last, after. */
type Phases = { first: number; span: number; total: number; rounds?: number };
const phaseNote = (who: string, p: Phases[]) => {
  const first = median(p.map((x) => x.first));
  const span = median(p.map((x) => x.span));
  const rounds =
    p[0]?.rounds === undefined ? '' : `, ${median(p.map((x) => x.rounds ?? 0))} sequential rounds`;
  return `${who}: first AWS call at ${fmtMs(first)}, calls span ${fmtMs(span)}${rounds}, exit after ${fmtMs(median(p.map((x) => x.total)))}`;
};

await part('launch', async () => {
  const ideal = await compileScript(join(ROOT, 'scripts/bench/_ideal-launch.ts'));
  const imageId = await anyImageId(moto);
  const home = await tempHome();
  try {
    const spawnEnv = { ...moto.env, ...home.env };
    const idealEnv = { ...moto.env, ...sdkEnv() };
    const spawnPhases: Phases[] = [];
    const idealPhases: Phases[] = [];
    const result = await interleave(
      runsWanted(5),
      async () => {
        const r = await runOk('node', [ideal, imageId], { env: idealEnv });
        const t = JSON.parse(r.stdout) as { firstCallAt: number; lastCallEnd: number };
        idealPhases.push({ first: t.firstCallAt, span: t.lastCallEnd - t.firstCallAt, total: r.ms });
        return r.ms;
      },
      async () => {
        const r = await runOk('node', [SPAWN_BIN, ...LAUNCH_ARGS, '--debug'], { env: spawnEnv });
        if (!r.stdout.includes('"type":"launched"')) throw new Error(`no launched record:\n${r.stdout}`);
        const calls = parseAwsCalls(r);
        const first = Math.min(...calls.map((c) => c.start));
        const last = Math.max(...calls.map((c) => c.end));
        spawnPhases.push({ first, span: last - first, total: r.ms, rounds: sequentialRounds(calls).length });
        return r.ms;
      },
    );
    ratioLine({
      area: 'launch',
      subject: 'spawn --instance-type t3.micro ... --wait running',
      baseline: 'RunInstances + waiter',
      subjectMs: result.subject,
      baselineMs: result.baseline,
      target: TARGET,
    });
    // Timed runs carry --debug: a stderr line per call costs microseconds and shows the phases.
    note(phaseNote('spawn', spawnPhases.slice(1)));
    note(phaseNote('ideal', idealPhases.slice(1)));
    const loaded = await loadedPackages(SPAWN_BIN, LAUNCH_ARGS, spawnEnv);
    const heavy = [...loaded].filter(([p]) => HEAVY.test(p)).map(([p, n]) => `${p} ${n}`);
    note(`spawn loads (files): ${heavy.join(', ')}; the ideal loads only @aws-sdk/client-ec2 and its deps`);
  } finally {
    await home.dispose();
  }
});
moto.stop();
