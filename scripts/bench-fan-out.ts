import { join } from 'node:path';
import { parseAwsCalls } from './bench/_aws-calls.ts';
import { compileScript } from './bench/_compile.ts';
import { useBenchMoto } from './bench/_moto.ts';
import { ROOT, requireBuilt, sdkEnv, TRUFFLE_BIN, tempHome } from './bench/_paths.ts';
import { fmtMs, part, ratioLine, valueLine } from './bench/_report.ts';
import { runOk } from './bench/_run.ts';
import { interleave, median, runsWanted } from './bench/_stats.ts';

// `truffle search m7i.large --regions all` against moto: cold (fresh cache dir per run) vs the ideal
// client in the same run, then warm (same cache dir) for zero calls and wall time.
const QUERY = 'm7i.large';
const COLD_TARGET = 1.5;
const WARM_TARGET_MS = 300;

requireBuilt();
const moto = await useBenchMoto();
const runs = runsWanted(5);
const search = ['search', QUERY, '--regions', 'all', '--debug', '--output', 'ndjson'];

await part('fan-out cold', async () => {
  const ideal = await compileScript(join(ROOT, 'scripts/bench/_ideal-fan-out.ts'));
  const env = { ...moto.env, ...sdkEnv() };
  const callCounts: number[] = [];
  const result = await interleave(
    runs,
    async () => (await runOk('node', [ideal, QUERY], { env })).ms,
    async () => {
      const home = await tempHome();
      try {
        const r = await runOk('node', [TRUFFLE_BIN, ...search], { env: { ...env, ...home.env } });
        callCounts.push(parseAwsCalls(r).length);
        return r.ms;
      } finally {
        await home.dispose();
      }
    },
  );
  if (Math.min(...callCounts) === 0)
    throw new Error('a "cold" search made no AWS call: the cache was not cold');
  ratioLine({
    area: 'fan-out',
    subject: `truffle search ${QUERY} --regions all (cold)`,
    baseline: 'ideal SDK client',
    subjectMs: result.subject,
    baselineMs: result.baseline,
    target: COLD_TARGET,
  });
});

await part('fan-out warm', async () => {
  const home = await tempHome();
  try {
    const env = { ...moto.env, ...home.env };
    await runOk('node', [TRUFFLE_BIN, ...search], { env });
    let calls = 0;
    const result = await interleave(
      runs,
      async () => (await runOk('node', ['-e', '0'], { env })).ms,
      async () => {
        const r = await runOk('node', [TRUFFLE_BIN, ...search], { env });
        calls += parseAwsCalls(r).length;
        return r.ms;
      },
    );
    const wall = median(result.subject);
    valueLine(
      'fan-out',
      `truffle search ${QUERY} --regions all (warm)`,
      `median ${fmtMs(wall)}, n=${runs} (node -e 0: ${fmtMs(median(result.baseline))})`,
      { text: `< ${WARM_TARGET_MS} ms`, ok: wall < WARM_TARGET_MS },
    );
    valueLine('fan-out', 'AWS calls in warm runs', String(calls), { text: '0', ok: calls === 0 });
  } finally {
    await home.dispose();
  }
});
moto.stop();
