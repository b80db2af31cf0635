import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { useBenchMoto } from './bench/_moto.ts';
import { ROOT } from './bench/_paths.ts';
import { run } from './bench/_run.ts';

// `pnpm bench`: builds, starts one moto server, runs every scripts/bench-*.ts in its own process
// (a crash stays contained), streams their lines, and exits 1 if any part FAILED or any figure
// MISSED its target (a regression). BENCH_NO_BUILD=1 skips the build; BENCH_ONLY=startup,launch filters.
//
// `--ci` (`pnpm bench:ci`): only the figures that do not depend on the machine's speed, the AWS call
// counts of bench-api-calls, against the dist/ already built; children get BENCH_CI=1 (rounds,
// inferred from timing, are shown but do not decide; each case runs once).
const out = (line: string) => process.stdout.write(`${line}\n`);
const ci = process.argv.includes('--ci');
const only = ci ? 'api-calls' : process.env.BENCH_ONLY;
const benches = readdirSync(join(ROOT, 'scripts'))
  .filter((f) => /^bench-.+\.ts$/.test(f))
  .filter((f) => !only || only.split(',').some((o) => f.includes(o)))
  .sort();
const started = performance.now();
let failed = 0;
let missed = 0;

out(
  `pnpm bench${ci ? ' --ci' : ''}: ${benches.join(', ')} on Node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
);
if (!ci && process.env.BENCH_NO_BUILD !== '1') {
  const build = await run('pnpm', ['build'], {
    env: { ...process.env } as Record<string, string>,
    cwd: ROOT,
  });
  if (build.code !== 0) {
    out(`FAILED    pnpm build exited ${build.code}; measuring whatever dist/ holds`);
    failed++;
  }
}
const moto = await useBenchMoto();
for (const file of benches) {
  const t = performance.now();
  const r = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', file)], {
    env: {
      ...(process.env as Record<string, string>),
      BENCH_MOTO_ENDPOINT: moto.endpoint,
      ...(ci ? { BENCH_CI: '1' } : {}),
    },
    cwd: ROOT,
    // Startup with BENCH_STARTUP_VARIANTS builds 6 layouts and runs ~1000 processes.
    timeoutMs: 30 * 60_000,
    // Streamed: a benchmark that times out still leaves the figures it printed.
    onStdout: (chunk) => process.stdout.write(chunk),
  }).catch((e: unknown) => ({ code: 1, stdout: '', stderr: String(e), ms: performance.now() - t }));
  const parts = (r.stdout.match(/^FAILED /gm) ?? []).length;
  const misses = (r.stdout.match(/ MISSED /g) ?? []).length;
  // Exit 1 with MISSED lines is a regression; with a stack trace on stderr it also crashed.
  const crashed = r.code !== 0 && parts === 0 && (misses === 0 || /\n\s+at /.test(r.stderr));
  if (crashed) {
    out(`FAILED    ${file} exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (parts > 0 || crashed) failed++;
  missed += misses;
  out(`          (${file}: ${(r.ms / 1000).toFixed(0)} s)`);
}
moto.stop();
const verdicts = [
  ...(failed ? [`${failed} benchmark(s) FAILED`] : []),
  ...(missed ? [`${missed} figure(s) MISSED their target`] : []),
];
out(
  `pnpm bench: ${verdicts.length ? verdicts.join(', ') : 'all benchmarks ran, every target met'} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
process.exitCode = failed || missed ? 1 : 0;
