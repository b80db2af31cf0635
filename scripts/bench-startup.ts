import { HEAVY, loadedPackages } from './bench/_module-trace.ts';
import { requireBuilt, SPAWN_BIN, TRUFFLE_BIN, tempHome } from './bench/_paths.ts';
import { note, part, ratioLine } from './bench/_report.ts';
import { runOk } from './bench/_run.ts';
import { median, roundRobin, runsWanted } from './bench/_stats.ts';

// Startup: each command against a bare `node -e 0`, same run, round-robin. No AWS env at all: none
// of these commands may need credentials, and the offline search must not touch the network.
// The discarded warm-up round fills the CLIs' compile cache (in the throwaway HOME), so the figures
// are every run after the first; the first run after an install or upgrade is printed beside them.
const FIRST_RUN = 'truffle search m7i.large --offline, first run';
const TARGET = 2;
const commands = {
  'truffle --version': [TRUFFLE_BIN, '--version'],
  'truffle search m7i.large --offline': [TRUFFLE_BIN, 'search', 'm7i.large', '--offline'],
  'spawn --help': [SPAWN_BIN, '--help'],
} as const;

await part('startup', async () => {
  requireBuilt();
  const home = await tempHome();
  try {
    const time =
      (args: readonly string[], env: Record<string, string> = {}) =>
      async () =>
        (await runOk('node', args, { env: { ...home.env, ...env } })).ms;
    const names = Object.keys(commands) as (keyof typeof commands)[];
    const results = await roundRobin(runsWanted(7), {
      'node -e 0': time(['-e', '0']),
      ...Object.fromEntries(names.map((n) => [n, time(commands[n])])),
      // Node's own switch, honoured by the CLIs' cache too: every run compiles as a first one does.
      [FIRST_RUN]: time(commands['truffle search m7i.large --offline'], { NODE_DISABLE_COMPILE_CACHE: '1' }),
    } as Record<'node -e 0' | typeof FIRST_RUN | keyof typeof commands, () => Promise<number>>);
    for (const name of names) {
      ratioLine({
        area: 'startup',
        subject: name,
        baseline: 'node -e 0',
        subjectMs: results[name],
        baselineMs: results['node -e 0'],
        target: TARGET,
      });
      const [bin, ...args] = commands[name];
      const loaded = await loadedPackages(bin, args, home.env);
      const heavy = [...loaded.keys()].filter((p) => HEAVY.test(p));
      const list = [...loaded].map(([p, n]) => `${p} ${n}`).join(', ');
      note(`loads (files): ${list}${heavy.length ? `; not needed up front?: ${heavy.join(', ')}` : ''}`);
    }
    const first = median(results[FIRST_RUN]) / median(results['node -e 0']);
    note(
      `first run after an install or upgrade (no compile cache yet): ${first.toFixed(2)}x node -e 0 ` +
        `(median ${Math.round(median(results[FIRST_RUN]))} ms); later runs use the cache`,
    );
  } finally {
    await home.dispose();
  }
});
