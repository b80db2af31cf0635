import { z } from 'zod';
import { PROTOCOL_VERSION } from './version.ts';

/**
 * The NDJSON contract between truffle, spawn and scripts. One object per line, each with
 * `v` (major protocol version) and `type`. Objects are loose: a newer minor version may add fields.
 */
export { PROTOCOL_VERSION };

const base = { v: z.literal(PROTOCOL_VERSION).describe('Protocol major version') };

export const architectureSchema = z
  .enum(['x86_64', 'arm64', 'i386', 'x86_64_mac', 'arm64_mac'])
  .describe('CPU architecture as EC2 names it');

export const marketSchema = z.enum(['on-demand', 'spot']).describe('Purchase option');

export const gpuInfoSchema = z.looseObject({
  count: z.number().int().nonnegative().describe('Accelerators per instance'),
  model: z.string().describe('Accelerator model, e.g. H100, A10G, Trainium2'),
  manufacturer: z.string().optional().describe('NVIDIA, AMD, AWS, Habana...'),
  memoryMiB: z.number().nonnegative().optional().describe('Memory per accelerator in MiB'),
  totalMemoryMiB: z.number().nonnegative().optional().describe('Accelerator memory of the instance in MiB'),
  fraction: z
    .number()
    .positive()
    .max(1)
    .optional()
    .describe('Share of one accelerator the instance gets, e.g. 0.125 of an L4 for g6f.large'),
  kind: z.enum(['gpu', 'inference', 'training', 'fpga', 'media']).optional(),
});

export const offerSchema = z.looseObject({
  ...base,
  type: z.literal('offer'),
  instanceType: z.string().min(1).describe('EC2 instance type, e.g. m7i.large'),
  region: z.string().min(1).describe('AWS region code'),
  availabilityZones: z.array(z.string()).optional().describe('AZs where the type is offered'),
  availabilityZone: z.string().optional().describe('The one AZ this offer is for (spot prices are per AZ)'),
  vcpus: z.number().int().positive(),
  memoryMiB: z.number().int().positive(),
  architecture: architectureSchema,
  gpus: gpuInfoSchema.optional(),
  market: marketSchema,
  pricePerHour: z.number().nonnegative().optional().describe('USD per hour for this market'),
  priceSource: z
    .string()
    .optional()
    .describe('Where the price came from: pricing-api, spot-price-history, catalog'),
  priceAsOf: z.string().optional().describe('ISO-8601 time the price was observed or published'),
  onDemandPricePerHour: z.number().nonnegative().optional(),
  savingsPercent: z.number().optional().describe('Spot saving against on-demand'),
  interruptionFrequency: z.string().optional().describe('Spot Advisor bucket, e.g. "<5%"'),
  supportsHibernation: z.boolean().optional(),
  match: z
    .enum(['exact', 'glob', 'family', 'accelerator', 'words', 'fuzzy'])
    .optional()
    .describe(
      'How truffle search matched the query: exact name, glob, family, accelerator, query words or fuzzy (a guess; spawn refuses it from a pipe without --pick)',
    ),
});

export const capacitySchema = z.looseObject({
  ...base,
  type: z.literal('capacity'),
  kind: z
    .enum(['odcr', 'capacity-block'])
    .describe('On-Demand Capacity Reservation or purchasable Capacity Block'),
  instanceType: z.string().min(1),
  region: z.string().min(1),
  availabilityZone: z.string().min(1),
  reservationId: z.string().optional().describe('cr-... for an ODCR; spawn launches into it'),
  offeringId: z.string().optional().describe('cb-... for a Capacity Block offering'),
  totalCount: z.number().int().nonnegative().optional(),
  availableCount: z.number().int().nonnegative().optional(),
  state: z.string().optional(),
  tenancy: z.string().optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  durationHours: z.number().nonnegative().optional(),
  upfrontFee: z.number().nonnegative().optional(),
  currency: z.string().optional(),
  gpus: gpuInfoSchema.optional(),
});

export const quotaSchema = z.looseObject({
  ...base,
  type: z.literal('quota'),
  region: z.string().min(1),
  bucket: z.string().describe('vCPU bucket: standard, g, p, inf, trn, dl, f, x'),
  market: marketSchema,
  quotaCode: z.string(),
  name: z.string(),
  limitVcpus: z.number().nonnegative(),
  usedVcpus: z.number().nonnegative().optional(),
  headroomVcpus: z.number().optional(),
});

export const errorRecordSchema = z.looseObject({
  ...base,
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

/** A `spawn run` job's state, as the `spawn:job` tag says it. */
export const jobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const launchedSchema = z.looseObject({
  ...base,
  type: z.literal('launched'),
  instanceId: z.string(),
  name: z.string(),
  instanceType: z.string(),
  region: z.string(),
  availabilityZone: z.string().optional(),
  market: marketSchema,
  publicIp: z.string().optional(),
  privateIp: z.string().optional(),
  user: z.string(),
  keyPath: z.string().optional(),
  sshCommand: z.string().optional(),
  pricePerHour: z.number().nonnegative().optional(),
  spotFallback: z
    .string()
    .optional()
    .describe('With --fallback-on-demand: the Spot error that made the launch fall back to on-demand'),
  expiresAt: z.string().optional(),
  idleTimeout: z.string().optional(),
  cloudBackstop: z
    .enum(['armed', 'absent', 'disabled'])
    .optional()
    .describe(
      'EventBridge Scheduler schedule that terminates the instance after its deadline: armed, absent (could not be created), disabled',
    ),
  cloudBackstopAt: z.string().optional().describe('When the cloud backstop fires (UTC ISO)'),
  cloudBackstopStopAt: z
    .string()
    .optional()
    .describe(
      'When the cloud backstop stops the instance (UTC ISO); only when on-expire or on-idle is stop/hibernate, and then cloudBackstopAt is the terminate max-stopped later',
    ),
  maxStopped: z.string().optional().describe('Longest the instance may stay stopped before it is terminated'),
  job: z
    .looseObject({
      state: jobStateSchema.describe('queued at launch'),
      command: z.array(z.string()).describe('The command and its arguments, as given after --'),
      onComplete: z
        .enum(['terminate', 'stop', 'hibernate', 'keep'])
        .describe('What spawnd does once the job ended'),
      completeDelay: z.string().describe('How long after the end it does that'),
      group: z.string().optional().describe('--count: the spawn:group tag shared by the instances'),
      index: z.number().int().nonnegative().optional().describe("--count: this instance's SPAWN_INDEX"),
    })
    .optional()
    .describe('spawn run: the job this instance runs'),
});

/** One job's state (`spawn wait`, `spawn logs --json`): from the instance's spawn:job* tags. */
export const jobSchema = z.looseObject({
  ...base,
  type: z.literal('job'),
  instanceId: z.string(),
  name: z.string(),
  state: jobStateSchema.or(z.literal('lost')).describe('lost: the instance ended before the job finished'),
  exitCode: z.number().int().min(0).max(255).optional().describe('Set once the job ended'),
  startedAt: z.string().optional().describe('UTC ISO'),
  endedAt: z.string().optional().describe('UTC ISO'),
  instanceState: z.string().optional().describe('The EC2 state when the record was written'),
});

export const instanceSchema = z.looseObject({
  ...base,
  type: z.literal('instance'),
  name: z.string(),
  instanceId: z.string(),
  instanceType: z.string(),
  region: z.string(),
  availabilityZone: z.string().optional(),
  state: z.string(),
  launchedAt: z.string(),
  expiresAt: z.string().optional(),
  idleState: z.string().optional(),
  estimatedCostSoFar: z.number().nonnegative().optional(),
  protected: z
    .boolean()
    .optional()
    .describe('false: running without a recent spawnd report (unprotected); absent when not running'),
  enforcers: z
    .looseObject({
      osTimer: z.string().optional().describe("armed | none | unknown (from spawnd's report)"),
      osTimerAt: z.string().optional(),
      agent: z.string().optional().describe('reporting | starting | silent | stale | off'),
      agentReportedAt: z.string().optional(),
      cloudSchedule: z.string().optional().describe('armed | absent | disabled | unknown'),
      cloudScheduleAt: z.string().optional(),
      cloudScheduleStopAt: z
        .string()
        .optional()
        .describe('When the stop schedule fires, if the instance has one'),
    })
    .optional()
    .describe('What would end the instance: OS timer, spawnd agent, cloud schedule'),
  job: z
    .looseObject({
      state: jobStateSchema
        .or(z.enum(['lost', 'unreadable']))
        .describe(
          'lost: the instance stopped or ended before the job did; unreadable: a forged spawn:job tag',
        ),
      exitCode: z.number().int().min(0).max(255).optional().describe('Set once the job ended'),
      startedAt: z.string().optional().describe('UTC ISO'),
      endedAt: z.string().optional().describe('UTC ISO'),
      onComplete: z.enum(['terminate', 'stop', 'hibernate', 'keep']).optional(),
      completeDelay: z.string().optional().describe('How long after the end spawnd does that'),
    })
    .optional()
    .describe('spawn run: the job this instance runs, from its spawn:job* tags'),
});

/** DescribeRegions' `OptInStatus`, as AWS spells it. */
export const optInStatusSchema = z.enum(['opt-in-not-required', 'opted-in', 'not-opted-in']);

/** One AWS region (`truffle regions`). */
export const regionSchema = z.looseObject({
  v: z.literal(PROTOCOL_VERSION).describe('Protocol major version'),
  type: z.literal('region'),
  region: z.string().min(1).describe('Region code, e.g. eu-west-1'),
  name: z
    .string()
    .optional()
    .describe('Long name, e.g. Europe (Ireland); absent for a region truffle does not know'),
  optInRequired: z
    .boolean()
    .describe('The region is disabled until the account enables it (launched after 2019-03-20)'),
  optInStatus: optInStatusSchema
    .optional()
    .describe("The account's status from DescribeRegions; absent offline, where the account is unknown"),
});

export const messageSchema = z.discriminatedUnion('type', [
  offerSchema,
  capacitySchema,
  quotaSchema,
  errorRecordSchema,
  launchedSchema,
  instanceSchema,
  regionSchema,
  jobSchema,
]);

export type Offer = z.infer<typeof offerSchema>;
export type Capacity = z.infer<typeof capacitySchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type ErrorRecord = z.infer<typeof errorRecordSchema>;
export type Launched = z.infer<typeof launchedSchema>;
export type InstanceRecord = z.infer<typeof instanceSchema>;
export type RegionRecord = z.infer<typeof regionSchema>;
export type JobRecord = z.infer<typeof jobSchema>;
export type OptInStatus = z.infer<typeof optInStatusSchema>;
export type Message = z.infer<typeof messageSchema>;
export type GpuInfo = z.infer<typeof gpuInfoSchema>;
export type Architecture = z.infer<typeof architectureSchema>;
export type Market = z.infer<typeof marketSchema>;
