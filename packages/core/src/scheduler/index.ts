// The cloud backstop: an EventBridge Scheduler schedule terminates each instance at its deadline
// plus a grace, whatever happens on the instance (issue 13); when its end keeps the disk (on-expire
// or on-idle stop/hibernate) one stops it then and one terminates it max-stopped later.
// Run as the account's `spawn-scheduler` role.
export { atExpression, parseAtExpression } from './at-expression.ts';
export {
  type BackstopClients,
  type BackstopOutcome,
  backstopStopsFirst,
  backstopTimes,
  type CloudBackstopState,
  type PointOptions,
  pointTerminationSchedule,
  removeTerminationSchedule,
} from './backstop.ts';
export { ensureSchedulerRole, type SchedulerRole } from './ensure-scheduler-role.ts';
export { findOrphanSchedules, listTerminationSchedules, type ScheduleRef } from './find-orphan-schedules.ts';
export {
  BACKSTOP_GRACE_MS,
  DEFAULT_MAX_STOPPED_MS,
  instanceIdOfSchedule,
  parseScheduleName,
  partitionOf,
  SCHEDULE_GROUP,
  SCHEDULER_POLICY_NAME,
  SCHEDULER_ROLE_NAME,
  type ScheduleAction,
  scheduleName,
} from './names.ts';
export { schedulerPolicyDocument, schedulerTrustPolicy } from './scheduler-policy.ts';
export {
  deleteInstanceSchedule,
  deleteTerminationSchedule,
  ensureScheduleGroup,
  getTerminationSchedule,
  type PutScheduleOptions,
  putTerminationSchedule,
  type TerminationSchedule,
  terminationScheduleInput,
  terminationTarget,
} from './termination-schedule.ts';
