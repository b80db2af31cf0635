import { DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { UserError } from '../errors/user-error.ts';
import type { JobRecord } from '../protocol/schemas.ts';
import { JOB_STATES, type JobState, TAG } from '../tags.ts';
import { type ManagedInstance, toManagedInstance } from './managed-instance.ts';

/** EC2 states in which a job that has not ended never will (until someone starts it again). */
const GONE = new Set(['stopping', 'stopped', 'shutting-down', 'terminated']);

const isoOrUndefined = (text: string | undefined) =>
  text !== undefined && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(text) ? text : undefined;

/**
 * The `job` record of an instance from its tags (pure). Every tag is validated: an unknown state
 * or exit code is refused, never passed on. A job not ended on an instance that is stopping or
 * gone is `lost`. An instance not launched by `spawn run` is a usage error.
 */
export function jobRecordOf(instance: ManagedInstance): JobRecord {
  const raw = instance.tags[TAG.job];
  if (raw === undefined) {
    throw new UserError('INVALID_STATE', `${instance.name} (${instance.instanceId}) has no job.`, {
      hint: 'Only instances launched by `spawn run` have one.',
    });
  }
  if (!JOB_STATES.includes(raw as JobState)) {
    throw new UserError(
      'UNTRUSTED_TAG',
      `${instance.name}: its ${TAG.job} tag "${raw.slice(0, 40)}" is not a job state.`,
    );
  }
  const state = raw as JobState;
  const ended = state === 'succeeded' || state === 'failed';
  const exitText = instance.tags[TAG.jobExit];
  const exitCode =
    exitText !== undefined && /^\d{1,3}$/.test(exitText) && Number(exitText) <= 255
      ? Number(exitText)
      : undefined;
  const record: JobRecord = {
    v: 1,
    type: 'job',
    instanceId: instance.instanceId,
    name: instance.name,
    state: !ended && GONE.has(instance.state) ? 'lost' : state,
    instanceState: instance.state,
  };
  if (ended && exitCode !== undefined) record.exitCode = exitCode;
  const startedAt = isoOrUndefined(instance.tags[TAG.jobStartedAt]);
  const endedAt = isoOrUndefined(instance.tags[TAG.jobEndedAt]);
  if (startedAt) record.startedAt = startedAt;
  if (ended && endedAt) record.endedAt = endedAt;
  return record;
}

/** One instance by id, fresh (DescribeInstances), as a job record. */
export async function describeJob(ec2: EC2Client, region: string, instanceId: string): Promise<JobRecord> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const found = out.Reservations?.flatMap((r) => r.Instances ?? [])[0];
  if (!found) throw new UserError('NOT_FOUND', `Instance ${instanceId} not found in ${region}.`);
  return jobRecordOf(toManagedInstance(region, found));
}

/** True once the job has an outcome: ended (succeeded/failed) or lost with its instance. */
export function isJobSettled(record: JobRecord): boolean {
  return record.state === 'succeeded' || record.state === 'failed' || record.state === 'lost';
}
