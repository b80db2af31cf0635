import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { type AgentEc2Client, createAgentEc2Client, createImdsClient } from '@truffle-spawn/core/agent';
import { type FakeImds, startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { readSpawndEnv } from '../env-config.ts';
import { readJobFiles, writeJobLost } from '../io/job-files.ts';
import { isJobRunnerActive } from '../io/job-runner.ts';
import { writeJsonFile } from '../io/json-file.ts';
import { createNotifier } from '../io/notify.ts';
import type { Logger } from '../logger.ts';
import { type Agent, createAgent } from './agent.ts';
import type { PersistedState } from './deps.ts';

export interface TestDaemon {
  agent: Agent;
  id: string;
  /** The daemon's own (lean) client. */
  ec2: AgentEc2Client;
  imds: FakeImds;
  clock: { now: number };
  logs: string[];
  /** Each message the wall stub received on stdin. */
  wall(): Promise<string[]>;
  /** Content of the login banner / message file, `undefined` when removed. */
  motd(): Promise<string | undefined>;
  message(): Promise<string | undefined>;
  close(): Promise<void>;
}

const readOrUndefined = (path: string) => readFile(path, 'utf8').catch(() => undefined);

/**
 * The real agent, in process, against moto and a fake IMDS, with the notifier configured from
 * the environment as `spawnd run` does: SPAWND_WALL_COMMAND is a stub that records its stdin.
 * The clock and the activity sample are the test's (an active sample by default).
 */
export async function startTestDaemon(
  tags: Record<string, string>,
  start = Date.now(),
  o: {
    quiet?: boolean;
    /** The job runner's directory (SPAWND_JOB_DIR). */
    jobDir?: string;
    /** SPAWND_JOB_ACTIVE_COMMAND; by default `true` (the runner counts as active). */
    jobActiveCommand?: string;
  } = {},
): Promise<TestDaemon> {
  // The SDK launches the instance (setup); the daemon talks to moto through its lean client.
  const id = await launchTestInstance(new EC2Client({ region: 'us-east-1' }), tags);
  const imds = await startFakeImds({ instanceId: id, region: 'us-east-1' });
  const imdsClient = createImdsClient({ endpoint: imds.endpoint });
  const ec2 = createAgentEc2Client('us-east-1', { env: process.env, imds: imdsClient });
  const dir = await mkdtemp(join(tmpdir(), 'spawnd-daemon-'));
  const wallStub = join(dir, 'wall-stub');
  await writeFile(wallStub, `#!/bin/sh\n{ cat; echo '<<END>>'; } >> "${wallStub}.log"\n`);
  await chmod(wallStub, 0o755);
  const env = readSpawndEnv({
    SPAWND_WALL_COMMAND: wallStub,
    SPAWND_MOTD_PATH: join(dir, 'motd.d/spawnd'),
    SPAWND_RUNTIME_DIR: join(dir, 'run'),
    SPAWND_STATE_DIR: join(dir, 'state'),
    SPAWND_JOB_DIR: o.jobDir ?? join(dir, 'job'),
    SPAWND_JOB_ACTIVE_COMMAND: o.jobActiveCommand ?? 'true',
  });
  const logs: string[] = [];
  const log: Logger = {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m, e) => logs.push(`error ${m} ${String(e)}`),
  };
  const clock = { now: start };
  let saved: PersistedState | undefined;
  const agent = createAgent({
    now: () => clock.now,
    imds: imdsClient,
    ec2For: () => ec2,
    // Quiet: idle CPU counters, no traffic, nobody logged in; otherwise someone is logged in.
    readSample: async (now) =>
      o.quiet
        ? { at: now, cpu: { busy: 0, total: now / 10 }, networkBytes: 0, sessions: 0, gpu: null }
        : { at: now, cpu: undefined, networkBytes: undefined, sessions: 1, gpu: null },
    readJob: () => readJobFiles(env.jobDir),
    jobRunnerActive: () => isJobRunnerActive(env.jobActiveCommand),
    recordJobLost: (at, exitCode) => writeJobLost(env.jobDir, at, exitCode),
    notifier: createNotifier({ ...env, log }),
    loadState: async () => saved,
    saveState: async (s) => {
      saved = structuredClone(s);
    },
    writeStatusFile: (s) => writeJsonFile(env.statusFile, s),
    shutdown: async () => undefined,
    log,
    intervalMs: 60_000,
    warningLeadsMs: env.warningLeadsMs,
    statusTagEveryMs: env.statusTagEveryMs,
  });
  return {
    agent,
    id,
    ec2,
    imds,
    clock,
    logs,
    wall: async () =>
      ((await readOrUndefined(`${wallStub}.log`)) ?? '')
        .split('<<END>>\n')
        .map((m) => m.trim())
        .filter(Boolean),
    motd: () => readOrUndefined(env.motdFile),
    message: () => readOrUndefined(env.messageFile),
    close: async () => {
      await imds.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
