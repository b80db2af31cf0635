import { execFileSync } from 'node:child_process';
import { hasValgrind, instructions, predictableArgs } from './bench/_instructions.ts';
import { HEAVY, loadedPackages } from './bench/_module-trace.ts';
import { nodeBinary, OTHER_NODE_VERSIONS } from './bench/_node-binaries.ts';
import { requireBuilt, SPAWN_BIN, TRUFFLE_BIN, tempHome } from './bench/_paths.ts';
import { note, part, ratioLine, valueLine } from './bench/_report.ts';
import { runOk } from './bench/_run.ts';
import { buildVariant, VARIANTS, variantBin } from './bench/_startup-variants.ts';
import { median, roundRobin, runsWanted } from './bench/_stats.ts';

// Startup: each command against a bare `node -e 0` on the same Node, same run, round-robin, on the
// Node running this script (20 here) and on Node 22 and 24 from the registry. No AWS env at all:
// none of these commands may need credentials, and the offline search must not touch the network.
// The discarded warm-up round fills the compile cache (in the throwaway HOME), so the figures are
// every run after the first; the first run after an install is a figure of its own.
// BENCH_STARTUP_VARIANTS=1 (or =only) also builds alternative layouts under /tmp and measures each startup
// piece with and without it (docs/performance.md, "Startup machinery on trial").
// BENCH_STARTUP_INSTRUCTIONS=1 (or =only) also counts each command's instructions with callgrind
// (~2 min): no target, a figure steady enough to weigh a change of 1 %, which the timings cannot.
const TARGET = 1.5;
const FIRST_RUN_TARGET = 2;
const SEARCH = ['search', 'm7i.large', '--offline'];
const commands = (truffle: string, spawn: string): Record<string, [string, ...string[]]> => ({
  'truffle --version': [truffle, '--version'],
  'truffle --help': [truffle, '--help'],
  'truffle search m7i.large --offline': [truffle, ...SEARCH],
  'spawn --version': [spawn, '--version'],
  'spawn --help': [spawn, '--help'],
});
type Timer = () => Promise<number>;

const nodes = [
  { version: process.versions.node, bin: process.execPath },
  ...OTHER_NODE_VERSIONS.map((version) => ({ version, bin: nodeBinary(version) })),
];
const cpu = () =>
  /^model name\s*:\s*(.+)$/m.exec(execFileSync('cat', ['/proc/cpuinfo'], { encoding: 'utf8' }))?.[1];
note(
  `machine: ${cpu() ?? 'unknown CPU'}, load ${(await import('node:os')).loadavg()[0]?.toFixed(2)} (shared)`,
);

const timings = !['BENCH_STARTUP_VARIANTS', 'BENCH_STARTUP_INSTRUCTIONS'].some(
  (v) => process.env[v] === 'only',
);
for (const node of timings ? nodes : []) {
  await part(`startup on Node ${node.version}`, async () => {
    requireBuilt();
    const home = await tempHome();
    try {
      const time =
        (args: readonly string[], env: Record<string, string> = {}): Timer =>
        async () =>
          (await runOk(node.bin, args, { env: { ...home.env, ...env } })).ms;
      const cmds = commands(TRUFFLE_BIN, SPAWN_BIN);
      const names = Object.keys(cmds);
      const firstRun = 'truffle search m7i.large --offline, first run';
      const results: Record<string, number[]> = await roundRobin(runsWanted(9), {
        'node -e 0': time(['-e', '0']),
        ...Object.fromEntries(names.map((n) => [n, time(cmds[n]!)])),
        // Node's own switch, honoured by the CLIs too: every run compiles as a first one does.
        [firstRun]: time(cmds['truffle search m7i.large --offline']!, { NODE_DISABLE_COMPILE_CACHE: '1' }),
      });
      for (const name of [...names, firstRun]) {
        ratioLine({
          area: 'startup',
          subject: `${name} (Node ${node.version})`,
          baseline: 'node -e 0',
          subjectMs: results[name]!,
          baselineMs: results['node -e 0']!,
          target: name === firstRun ? FIRST_RUN_TARGET : TARGET,
          node: node.version,
        });
        if (node.bin !== process.execPath || name === firstRun) continue;
        const [bin, ...args] = cmds[name]!;
        const loaded = await loadedPackages(bin, args, home.env);
        const heavy = [...loaded.keys()].filter((p) => HEAVY.test(p));
        const list = [...loaded].map(([p, n]) => `${p} ${n}`).join(', ');
        note(`loads (files): ${list}${heavy.length ? `; not needed up front?: ${heavy.join(', ')}` : ''}`);
      }
    } finally {
      await home.dispose();
    }
  });
}

if (process.env.BENCH_STARTUP_VARIANTS) {
  await part('startup variants', async () => {
    const variants = VARIANTS;
    for (const v of variants) await buildVariant(v);
    // Each variant's commands, and the current layout without any compile cache.
    const subjects = [
      ...variants.map((v) => ({ label: v, v, env: {} })),
      { label: 'tsup, no compile cache', v: 'tsup', env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
    ];
    for (const node of nodes) {
      const home = await tempHome();
      try {
        const time =
          (args: readonly string[], env: Record<string, string>): Timer =>
          async () =>
            (await runOk(node.bin, args, { env: { ...home.env, ...env } })).ms;
        const timers: Record<string, Timer> = { 'node -e 0': time(['-e', '0'], {}) };
        for (const s of subjects) {
          const cmds = commands(variantBin(s.v, 'truffle'), variantBin(s.v, 'spawn'));
          for (const [name, args] of Object.entries(cmds)) timers[`${s.label}: ${name}`] = time(args, s.env);
        }
        const results = await roundRobin(runsWanted(9), timers);
        const base = median(results['node -e 0']!);
        for (const s of subjects) {
          const ratios = Object.keys(commands('', ''))
            .map(
              (name) =>
                `${name.replace(' m7i.large --offline', ' offline')} ${(median(results[`${s.label}: ${name}`]!) / base).toFixed(2)}x`,
            )
            .join(', ');
          note(`Node ${node.version} ${s.label.padEnd(24)} ${ratios}`);
        }
        note(`Node ${node.version} node -e 0 median ${Math.round(base)} ms`);
      } finally {
        await home.dispose();
      }
    }
  });
}

if (process.env.BENCH_STARTUP_INSTRUCTIONS) {
  await part('startup instructions', async () => {
    if (!hasValgrind()) throw new Error('valgrind is not installed (apt-get install valgrind)');
    requireBuilt();
    const cmds = commands(TRUFFLE_BIN, SPAWN_BIN);
    const counted = ['truffle --help', 'truffle search m7i.large --offline', 'spawn --help'];
    for (const node of nodes) {
      const home = await tempHome();
      try {
        // Twice: the first run writes each file's data, the second its search's own functions too.
        for (let i = 0; i < 2; i++)
          for (const name of counted) await runOk(node.bin, predictableArgs(cmds[name]!), { env: home.env });
        const base = await instructions(node.bin, ['-e', '0'], home.env);
        for (const name of counted) {
          const n = await instructions(node.bin, cmds[name]!, home.env);
          valueLine(
            'startup',
            `${name} (Node ${node.version}), instructions`,
            `${(n / base).toFixed(3)}x node -e 0 (${(n / 1e6).toFixed(1)}M vs ${(base / 1e6).toFixed(1)}M, callgrind)`,
            undefined,
            { node: node.version },
          );
        }
      } finally {
        await home.dispose();
      }
    }
  });
}
