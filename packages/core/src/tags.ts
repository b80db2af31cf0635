/**
 * Tag keys spawn writes and spawnd reads. Tags on AWS are the only state: a new laptop sees
 * everything a lost one knew.
 */
export const TAG = {
  managed: 'spawn:managed',
  ttl: 'spawn:ttl',
  /** Absolute UTC ISO-8601 time; the TTL never restarts when the agent restarts. */
  expiresAt: 'spawn:expires-at',
  idleTimeout: 'spawn:idle-timeout',
  /** stop | hibernate | terminate */
  onIdle: 'spawn:on-idle',
  /** What to do when the TTL is reached: stop | hibernate | terminate (default terminate). */
  onExpire: 'spawn:on-expire',
  createdBy: 'spawn:created-by',
  version: 'spawn:version',
  /** Login user recorded at launch, used by `spawn connect`. */
  user: 'spawn:user',
  /** Name of the EC2 key pair / local key path hint used at launch. */
  keyName: 'spawn:key-name',
  /** Remaining TTL (a duration) recorded by `spawn stop`, restored by `spawn start`. */
  ttlRemaining: 'spawn:ttl-remaining',
  /** Longest a stopped instance is kept (a duration); the cloud schedule terminates it then. */
  maxStopped: 'spawn:max-stopped',
  /** `off` when launched with --no-cloud-backstop: lifecycle commands then make no schedule. */
  cloudBackstop: 'spawn:cloud-backstop',
  /** Compact status written by spawnd: see core's spawnd status encoding. */
  status: 'spawn:status',
  /** On every resource a launch created other than the instance: the instance id. */
  parent: 'spawn:parent',
  /** A fresh id per launch, on everything that launch owns from its create call on (cleanup finds crashed launches by it). */
  launchId: 'spawn:launch-id',
  /** SHA256 fingerprint of the public key an imported key pair holds (one import per key). */
  fingerprint: 'spawn:fingerprint',
  /** Marks a resource (key pair, role, SG, VPC...) as created by spawn. */
  resource: 'spawn:resource',
  name: 'Name',
  /** `spawn run`: the job's state, queued | running | succeeded | failed (launch writes queued, spawnd the rest). */
  job: 'spawn:job',
  /** `spawn run`: the job's exit code (0-255), written by spawnd when it ends. */
  jobExit: 'spawn:job-exit',
  /** `spawn run`: when the job started and ended (ISO-8601 UTC), written by spawnd. */
  jobStartedAt: 'spawn:job-started-at',
  jobEndedAt: 'spawn:job-ended-at',
  /** `spawn run`: what spawnd does once the job ended: terminate | stop | hibernate | keep. */
  onComplete: 'spawn:on-complete',
  /** `spawn run`: how long after the job ended spawnd acts (a duration, default 1m). */
  completeDelay: 'spawn:complete-delay',
  /** `spawn run --count N`: the name shared by the N instances of one launch. */
  group: 'spawn:group',
} as const;

export type TagKey = (typeof TAG)[keyof typeof TAG];

export const END_ACTIONS = ['stop', 'hibernate', 'terminate'] as const;
export type EndAction = (typeof END_ACTIONS)[number];

/** What ends the instance once its job ended; `keep` leaves it to the TTL and idle timeout. */
export const COMPLETE_ACTIONS = ['terminate', 'stop', 'hibernate', 'keep'] as const;
export type CompleteAction = (typeof COMPLETE_ACTIONS)[number];

/** A job's state as the `spawn:job` tag says it. */
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
