import type { AgentEc2Client } from '@truffle-spawn/core/agent';
import {
  createOwnTags,
  type DeadlineReason,
  type Decision,
  decide,
  describeOwnTags,
  formatSpotWarning,
  isJobInstance,
  JOB_LOST_EXIT,
  JOB_LOST_GRACE_MS,
  type JobObservation,
  jobTagChanges,
  observeJob,
  osTimerFireAt,
  writeStatusTag,
} from '@truffle-spawn/core/agent';
import type { TagChanges } from '@truffle-spawn/core/lifecycle';
import { describeError } from '../logger.ts';
import { type ActingState, act } from './acting.ts';
import type { AgentDeps, PersistedState } from './deps.ts';
import { pauseTtl, resumePausedTtl } from './paused-ttl.ts';

const ACT_TEXT: Record<DeadlineReason, string> = {
  ttl: 'time to live ended',
  idle: 'idle timeout reached',
  job: 'the job has ended',
};

export interface Agent {
  /** One check; never throws (every failure is logged and retried next cycle). */
  cycle(): Promise<Decision | undefined>;
}

/** The daemon's memory between cycles; persisted state is loaded lazily on the first cycle. */
export function createAgent(deps: AgentDeps): Agent {
  const { log } = deps;
  let persisted: PersistedState | undefined;
  let identity: { instanceId: string; region: string; ec2: AgentEc2Client } | undefined;
  let tags: Record<string, string> | undefined;
  let acting: ActingState | undefined;
  let lastStatusKey = '';
  let lastStatusAt = 0;
  let lastProblems = '';
  let resumeChecked = false;
  let lastJobState: string | undefined;
  /** When the job's runner was first seen gone with no exit recorded (undefined: not gone). */
  let runnerGoneSince: number | undefined;
  /** A resume whose tag write failed: enforced locally, written as it is once EC2 answers. */
  let pendingResume: TagChanges | undefined;
  /** Where this cycle's tags came from; a change is logged with the reason. */
  let tagSource: 'ec2' | 'imds' | 'memory' | 'none' | undefined;
  /** The deadline the OS timer is armed for (null: none armed); undefined until synced by this process. */
  let osTimerFor: number | null | undefined;
  /** Epoch ms the OS timer fires, for the status tag (null: none armed). */
  let osTimerAt: number | null | undefined;

  /** Logs where the tags come from, and why, each time that changes (not every cycle). */
  function source(next: typeof tagSource, why: string) {
    if (next === tagSource) return;
    const prefix = `EC2 API unreachable (${why})`;
    if (next === 'ec2')
      log.info(`reading the spawn:* tags from EC2${tagSource === undefined ? '' : ' again'}`);
    else if (next === 'imds') log.warn(`${prefix}: using the spawn:* tags from instance metadata`);
    else if (next === 'memory') log.warn(`${prefix}: keeping the last known tags`);
    else log.error(`${prefix}: no tags known, no deadline enforced by spawnd (its OS timer stays as armed)`);
    tagSource = next;
  }

  async function resolveIdentity() {
    if (identity) return identity;
    try {
      const [instanceId, region] = await Promise.all([deps.imds.instanceId(), deps.imds.region()]);
      identity = { instanceId, region, ec2: deps.ec2For(region) };
      log.info(`watching ${instanceId} in ${region}`);
    } catch (e) {
      log.error('IMDS unavailable, instance identity unknown; retrying next cycle', e);
    }
    return identity;
  }

  /**
   * The instance's tags: from EC2, else from instance metadata (launches enable metadata tags, so
   * a deadline is never forgotten while the API is unreachable), else the last known ones.
   */
  async function refreshTags(): Promise<{ tags: Record<string, string> | undefined; fresh: boolean }> {
    let why = 'instance identity unknown';
    try {
      if (!identity) throw new Error(why);
      tags = await describeOwnTags(identity.ec2, identity.instanceId);
      source('ec2', '');
      return { tags, fresh: true };
    } catch (e) {
      why = `DescribeTags: ${describeError(e)}`;
    }
    try {
      const fromImds = await deps.imds.tags();
      if (fromImds) {
        tags = fromImds;
        source('imds', why);
        return { tags, fresh: true };
      }
      why += '; instance metadata tags are disabled';
    } catch (e) {
      why += `; IMDS tags: ${describeError(e)}`;
    }
    source(tags ? 'memory' : 'none', why);
    return { tags, fresh: false };
  }

  /**
   * Keeps the OS timer on the TTL deadline: armed at (re)start, moved when the deadline moves,
   * removed when the TTL is paused or gone. Only on fresh tags: unknown tags never disarm it.
   */
  async function syncOsTimer(deadline: number | undefined, now: number) {
    const want = deadline ?? null;
    if (!deps.osTimer || want === osTimerFor) return;
    try {
      if (want === null) {
        await deps.osTimer.disarm();
        log.info('OS timer removed (no TTL deadline)');
        osTimerAt = null;
      } else {
        const fireAt = osTimerFireAt(want, now);
        await deps.osTimer.arm(fireAt, now);
        log.info(
          `OS timer armed: power-off at ${new Date(fireAt).toISOString()} (deadline ${new Date(want).toISOString()})`,
        );
        osTimerAt = fireAt;
      }
      osTimerFor = want;
    } catch (e) {
      log.error('could not set the OS timer; retrying next cycle', e);
    }
  }

  /**
   * Once per start (so at boot) an instance started outside `spawn start` gets its paused TTL
   * back. Only at start: later, a paused TTL means a `spawn stop` is shutting it down.
   */
  async function resumeOnce(current: Record<string, string>, now: number) {
    if (resumeChecked || !identity) return current;
    const resumed = await resumePausedTtl(identity, current, now, log, pendingResume);
    pendingResume = resumed.pending;
    if (!pendingResume) {
      resumeChecked = true;
      tags = resumed.tags;
    }
    return resumed.tags;
  }

  async function watchSpot(state: PersistedState) {
    try {
      const spot = await deps.imds.spotAction();
      if (!spot) {
        // Gone (a spot instance stopped by AWS and started again): the next notice is a new one.
        delete state.spotNotified;
        return;
      }
      if (state.spotNotified === `${spot.action}@${spot.time}`) return;
      state.spotNotified = `${spot.action}@${spot.time}`;
      await deps.notifier.notify(formatSpotWarning(spot, deps.now()));
    } catch (e) {
      log.error('spot interruption check failed', e);
    }
  }

  /**
   * The job (only on an instance tagged `spawn:job`): its state from the runner's files, and the
   * job tags brought up to date (a failed write is retried next cycle, since it is compared again).
   */
  async function watchJob(current: Record<string, string>, now: number): Promise<JobObservation | undefined> {
    if (!isJobInstance(current) || !deps.readJob) return undefined;
    let job = observeJob(await deps.readJob(), now);
    if (await runnerLost(job, now)) job = observeJob(await deps.readJob(), now);
    const changes = jobTagChanges(job, current);
    if (job.state !== lastJobState) {
      log.info(`job ${job.state}${job.exitCode === undefined ? '' : ` (exit ${job.exitCode})`}`);
      lastJobState = job.state;
    }
    if (!identity || Object.keys(changes).length === 0) return job;
    try {
      await createOwnTags(identity.ec2, identity.instanceId, changes);
      if (tags) Object.assign(tags, changes);
    } catch (e) {
      log.error('could not write the job tags; retrying next cycle', e);
    }
    return job;
  }

  /**
   * A job queued or running whose runner's unit is no longer active (killed, or the instance
   * restarted mid-job) for JOB_LOST_GRACE_MS: recorded as failed with JOB_LOST_EXIT in the
   * runner's files, so it ends the instance as --on-complete says. True once recorded.
   */
  async function runnerLost(job: JobObservation, now: number): Promise<boolean> {
    const ended = job.state === 'succeeded' || job.state === 'failed';
    const active = ended || !deps.jobRunnerActive ? undefined : await deps.jobRunnerActive();
    if (active !== false) {
      runnerGoneSince = undefined;
      return false;
    }
    runnerGoneSince ??= now;
    if (now - runnerGoneSince < JOB_LOST_GRACE_MS || !deps.recordJobLost) return false;
    try {
      await deps.recordJobLost(now, JOB_LOST_EXIT);
      log.warn(`the job's runner is gone without an exit code: recorded as failed (exit ${JOB_LOST_EXIT})`);
      return true;
    } catch (e) {
      log.error('could not record the lost job; retrying next cycle', e);
      return false;
    }
  }

  async function publishStatus(d: Decision, now: number) {
    const id = identity;
    if (osTimerAt !== undefined)
      d.status.osTimerAt = osTimerAt === null ? null : new Date(osTimerAt).toISOString();
    const file = {
      instanceId: id?.instanceId,
      region: id?.region,
      ...d.status,
      keptAliveBy: d.signals.filter((s) => s.active).map((s) => s.detail),
      signals: d.signals,
      problems: d.problems,
    };
    await deps.writeStatusFile(file).catch((e) => log.error('could not write the status file', e));
    const key = `${d.status.state}|${d.status.nextAction}|${d.status.nextActionAt}|${d.status.osTimerAt}`;
    if (!id || (key === lastStatusKey && now - lastStatusAt < deps.statusTagEveryMs)) return;
    try {
      await writeStatusTag(id.ec2, id.instanceId, d.status);
      lastStatusKey = key;
      lastStatusAt = now;
    } catch (e) {
      log.error('could not write the status tag', e);
    }
  }

  async function cycle(): Promise<Decision | undefined> {
    try {
      persisted ??= (await deps.loadState().catch(() => undefined)) ?? { agent: {} };
      const id = await resolveIdentity();
      // State from another instance (an AMI made from this one) must not carry over.
      if (id && persisted.instanceId !== id.instanceId) persisted = { instanceId: id.instanceId, agent: {} };
      const { tags: known, fresh } = await refreshTags();
      await watchSpot(persisted);
      const now = deps.now();
      const currentTags = known ? await resumeOnce(known, now) : {};
      const sample = await deps.readSample(now);
      const job = await watchJob(currentTags, now);
      const d = decide({
        job,
        now,
        tags: currentTags,
        sample,
        previous: persisted.agent,
        warningLeadsMs: deps.warningLeadsMs,
        maxGapMs: Math.max(3 * deps.intervalMs, 10_000),
      });
      persisted.agent = d.state;
      if (fresh) await syncOsTimer(d.config.expiresAt, now);
      const problems = d.problems.join('; ');
      if (problems !== lastProblems) {
        if (problems) log.warn(`tag problems, safe defaults used: ${problems}`);
        lastProblems = problems;
      }
      if (d.warning) await deps.notifier.notify(d.warning.message);
      // A spot notice stays up until the instance goes: nothing can postpone it.
      else if (
        !persisted.spotNotified &&
        (!d.next || d.status.state === 'active' || d.status.state === 'idle')
      )
        await deps.notifier.clear();
      await deps.saveState(persisted).catch((e) => log.error('could not save state', e));
      await publishStatus(d, now);
      if (d.act) {
        if (acting?.key !== `${d.act.reason}:${d.act.action}:${d.act.at}`) {
          await deps.notifier.notify(`spawnd: ${ACT_TEXT[d.act.reason]}: ${d.act.action} now.`);
        }
        acting = await act({
          deadline: d.act,
          previous: acting,
          now,
          intervalMs: deps.intervalMs,
          ec2: id?.ec2,
          instanceId: id?.instanceId,
          shutdown: deps.shutdown,
          onStopped: async () => {
            // A job's stop is done once: a later start (by the user) must not stop it again.
            if (d.act?.reason === 'job' && persisted && job?.endedAt !== undefined) {
              persisted.agent.jobHandledFor = job.endedAt;
              await deps.saveState(persisted).catch((e) => log.error('could not save state', e));
            }
            // Paused while stopped: a timer left behind would fire at the next boot or resume.
            await syncOsTimer(undefined, deps.now());
            if (id && tags) await pauseTtl(id, tags, deps.now(), log);
          },
          log,
        });
      } else {
        acting = undefined;
      }
      return d;
    } catch (e) {
      log.error('check failed; retrying next cycle', e);
      return undefined;
    }
  }

  return { cycle };
}
