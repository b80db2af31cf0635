import { createRequire } from 'node:module';
import { join } from 'node:path';
import { countByOperation, formatCounts, parseAwsCalls } from './bench/_aws-calls.ts';
import { compileScript } from './bench/_compile.ts';
import { useBenchMoto } from './bench/_moto.ts';
import { ROOT, requireBuilt, sdkEnv, TRUFFLE_BIN, tempHome } from './bench/_paths.ts';
import { fmtMs, note, part, ratioLine, valueLine } from './bench/_report.ts';
import { runOk } from './bench/_run.ts';
import { useSearchBackends } from './bench/_search-backends.ts';
import { interleave, median, runsWanted } from './bench/_stats.ts';

// `truffle search m7i.large --regions all` against moto (EC2) and the recorded price list (Pricing,
// which moto lacks): cold (fresh cache dir per run) vs the ideal client in the same run, then warm
// (same cache dir) for zero calls and wall time.
const QUERY = 'm7i.large';
// Issue 18: cold within 1.2x of the ideal client.
const COLD_TARGET = 1.2;
const WARM_TARGET_MS = 300;

requireBuilt();
const moto = await useBenchMoto();
const backends = await useSearchBackends(moto.env);
const runs = runsWanted(5);
const search = ['search', QUERY, '--regions', 'all', '--debug', '--output', 'ndjson'];

await part('fan-out cold', async () => {
  const ideal = await compileScript(join(ROOT, 'scripts/bench/_ideal-fan-out.ts'));
  const env = {
    ...backends.env,
    ...sdkEnv(),
    BENCH_SDK_PRICING: createRequire(join(ROOT, 'packages/core/package.json')).resolve(
      '@aws-sdk/client-pricing',
    ),
  };
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
    const env = { ...backends.env, ...home.env };
    // The fill run may take its time on a loaded machine (a timed-out call is not cached), but no
    // call may fail: a failure is never cached, so every warm run would repeat it.
    const fill = parseAwsCalls(await runOk('node', [TRUFFLE_BIN, ...search, '--timeout', '120'], { env }));
    const failedFill = fill.filter((c) => c.error);
    if (failedFill.length)
      throw new Error(
        `the run filling the cache had failed calls, which warm runs repeat: ${failedFill.map((c) => `${c.op} ${c.region} ${c.error}`).join(', ')}`,
      );
    const warmCalls: ReturnType<typeof parseAwsCalls> = [];
    const result = await interleave(
      runs,
      async () => (await runOk('node', ['-e', '0'], { env })).ms,
      async () => {
        const r = await runOk('node', [TRUFFLE_BIN, ...search], { env });
        warmCalls.push(...parseAwsCalls(r));
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
    valueLine('fan-out', 'AWS calls in warm runs', String(warmCalls.length), {
      text: '0',
      ok: warmCalls.length === 0,
    });
    if (warmCalls.length) note(`calls: ${formatCounts(countByOperation(warmCalls))}`);
  } finally {
    await home.dispose();
  }
});
await backends.close();
moto.stop();
