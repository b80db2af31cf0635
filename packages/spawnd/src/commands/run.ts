import { parseDuration } from '@truffle-spawn/core';
import { createAgentEc2Client, createImdsClient } from '@truffle-spawn/core/agent';
import type { RunInput } from '../command-table.ts';
import type { SpawndContext } from '../context.ts';
import { createAgent } from '../daemon/agent.ts';
import type { PersistedState } from '../daemon/deps.ts';
import { createHeapCompaction, type ExposedGc } from '../daemon/heap-compaction.ts';
import { readSpawndEnv } from '../env-config.ts';
import { readJobFiles, writeJobLost } from '../io/job-files.ts';
import { isJobRunnerActive } from '../io/job-runner.ts';
import { readJsonFile, writeJsonFile } from '../io/json-file.ts';
import { createNotifier } from '../io/notify.ts';
import { createOsTimer } from '../io/os-timer.ts';
import { runCommand } from '../io/run-command.ts';
import { readSample } from '../io/sample.ts';
import { createLogger } from '../logger.ts';
import { SPAWND_VERSION } from '../version.ts';

/** How long SIGTERM waits for a cycle in flight (systemd's stop timeout is 90 s). */
const CYCLE_GRACE_MS = 10_000;

/**
 * `spawnd run`: the loop systemd keeps alive. Only a signal ends it; an error that escapes the
 * loop ends it through the binary's one error path (runMain/reportError), with its exit code.
 */
export async function run(ctx: SpawndContext, input: RunInput): Promise<void> {
  const interval = input.interval ?? '60s';
  const intervalMs = parseDuration(interval, '--interval');
  const env = readSpawndEnv(ctx.io.env);
  const log = createLogger(ctx.io.stderr, ctx.io.env);
  const imds = createImdsClient({ endpoint: env.imdsEndpoint });
  const agent = createAgent({
    now: () => Date.now(),
    imds,
    // Endpoint and credentials from the environment, else the instance role through IMDS.
    ec2For: (region) => createAgentEc2Client(region, { env: ctx.io.env, imds }),
    readSample: (now) => readSample(env, now),
    readJob: () => readJobFiles(env.jobDir),
    jobRunnerActive: () => isJobRunnerActive(env.jobActiveCommand),
    recordJobLost: (at, exitCode) => writeJobLost(env.jobDir, at, exitCode),
    notifier: createNotifier({ ...env, log }),
    loadState: () => readJsonFile<PersistedState>(env.stateFile),
    saveState: (state) => writeJsonFile(env.stateFile, state),
    writeStatusFile: (status) => writeJsonFile(env.statusFile, status),
    shutdown: () => runCommand(env.shutdownCommand),
    osTimer: env.osTimer ? createOsTimer(runCommand, log) : undefined,
    log,
    intervalMs,
    warningLeadsMs: env.warningLeadsMs,
    statusTagEveryMs: env.statusTagEveryMs,
  });
  // The executable exposes gc() (--expose-gc); `node spawnd.cjs` does not: said at start, so a
  // build without it shows in the log, not only in memory a few hours later.
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  log.info(
    `spawnd ${SPAWND_VERSION} checking every ${interval}; heap compaction ${gc ? 'on' : 'off (no gc())'}`,
  );
  let stopping = false;
  let current: Promise<unknown> = Promise.resolve();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true;
      log.info(`${signal} received, exiting`);
      // A stop of our own is followed by the TTL pause tags, and the OS shutdown it starts
      // sends this SIGTERM: let the cycle in flight finish its calls first (bounded).
      const grace = new Promise((r) => setTimeout(r, CYCLE_GRACE_MS).unref());
      void Promise.race([current, grace]).finally(() => process.exit(0));
    });
  }
  process.on('unhandledRejection', (e) => log.error('unhandled rejection', e));
  const heap = createHeapCompaction({ gc, committed: () => process.memoryUsage().heapTotal });
  while (!stopping) {
    const started = Date.now();
    current = agent.cycle();
    await current;
    heap.afterCycle();
    await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - started))));
  }
}
