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
} as const;

export type TagKey = (typeof TAG)[keyof typeof TAG];

export const END_ACTIONS = ['stop', 'hibernate', 'terminate'] as const;
export type EndAction = (typeof END_ACTIONS)[number];
