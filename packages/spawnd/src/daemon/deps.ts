import type {
  ActivitySample,
  AgentEc2Client,
  AgentState,
  ImdsClient,
  JobFiles,
} from '@truffle-spawn/core/agent';
import type { Notifier } from '../io/notify.ts';
import type { OsTimer } from '../io/os-timer.ts';
import type { Logger } from '../logger.ts';

/** Everything the agent touches, injectable so tests drive it with fakes. */
export interface AgentDeps {
  now(): number;
  imds: ImdsClient;
  ec2For(region: string): AgentEc2Client;
  readSample(now: number): Promise<ActivitySample>;
  /** The `spawn run` job runner's files; read only when the instance has a `spawn:job` tag. */
  readJob?(): Promise<JobFiles>;
  /** Whether the runner's unit is active (undefined: cannot tell, never counted as gone). */
  jobRunnerActive?(): Promise<boolean | undefined>;
  /** Records the job as ended with `exitCode` at `at` in the runner's files (a lost runner). */
  recordJobLost?(at: number, exitCode: number): Promise<void>;
  notifier: Notifier;
  loadState(): Promise<PersistedState | undefined>;
  saveState(state: PersistedState): Promise<void>;
  writeStatusFile(status: unknown): Promise<void>;
  shutdown(): Promise<void>;
  /** The OS deadline timer spawnd owns (moved on extend, removed when paused, re-armed at start). */
  osTimer?: OsTimer;
  log: Logger;
  intervalMs: number;
  warningLeadsMs: readonly number[];
  statusTagEveryMs: number;
}

/** What survives a restart: the policy state and which spot notice was already announced. */
export interface PersistedState {
  instanceId?: string;
  agent: AgentState;
  spotNotified?: string;
}
