// The cloud backstop: one EventBridge Scheduler schedule per instance terminates it at its deadline
// plus a grace, whatever happens on the instance (issue 13). Run as the account's `spawn-scheduler` role.
export { atExpression, parseAtExpression } from './at-expression.ts';
export {
  type BackstopClients,
  type BackstopOutcome,
  type CloudBackstopState,
  type PointOptions,
  pointTerminationSchedule,
  removeTerminationSchedule,
} from './backstop.ts';
export { ensureSchedulerRole, type SchedulerRole } from './ensure-scheduler-role.ts';
export { findOrphanSchedules, listTerminationSchedules, type ScheduleRef } from './find-orphan-schedules.ts';
export {
  BACKSTOP_GRACE_MS,
  instanceIdOfSchedule,
  partitionOf,
  SCHEDULE_GROUP,
  SCHEDULER_POLICY_NAME,
  SCHEDULER_ROLE_NAME,
  scheduleName,
} from './names.ts';
export { schedulerPolicyDocument, schedulerTrustPolicy } from './scheduler-policy.ts';
export {
  deleteTerminationSchedule,
  ensureScheduleGroup,
  getTerminationSchedule,
  type PutScheduleOptions,
  putTerminationSchedule,
  type TerminationSchedule,
  terminationScheduleInput,
  terminationTarget,
} from './termination-schedule.ts';
