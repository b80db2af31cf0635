import { formatDuration, type Launched } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  backstopResultLine,
  estimateCost,
  formatCost,
  type JobSpec,
  type LaunchedInstance,
  type LaunchPlan,
} from '@truffle-spawn/core/launch';
import { diskFacts } from './plan-text.ts';

/** The ssh command for the platform (Windows ships OpenSSH as ssh.exe). */
export function sshCommand(o: {
  platform: NodeJS.Platform;
  keyPath?: string;
  user: string;
  host?: string;
}): string | undefined {
  if (!o.host) return undefined;
  const ssh = o.platform === 'win32' ? 'ssh.exe' : 'ssh';
  const key = o.keyPath ? ` -i "${o.keyPath}"` : '';
  return `${ssh}${key} ${o.user}@${o.host}`;
}

/** Human summary on stderr; one `launched` record on stdout when output is machine-readable. */
export function reportLaunch(ctx: CommandContext, plan: LaunchPlan, instance: LaunchedInstance): void {
  const { spec } = plan;
  const ttl = spec.ttlMs === undefined ? undefined : formatDuration(spec.ttlMs);
  const expiresAt =
    spec.ttlMs === undefined ? undefined : new Date(ctx.io.now().getTime() + spec.ttlMs).toISOString();
  const command = sshCommand({
    platform: ctx.io.platform,
    keyPath: instance.keyPath,
    user: spec.user,
    host: instance.publicIp,
  });
  const { market, spotFallback } = instance;
  const estimate = estimateCost(
    market === spec.market ? spec : { ...spec, market, pricePerHour: undefined },
    { ...diskFacts(plan), ...(market === spec.market ? {} : { priceIsCap: false }) },
  );
  const out = ctx.output;
  if (spotFallback) {
    out.warn(
      `No Spot capacity in ${instance.zone} (${spotFallback}); launched ON-DEMAND instead (--fallback-on-demand).`,
    );
  }
  out.success(`Launched ${instance.instanceId} (${spec.instanceType}, ${market}) in ${instance.zone}`);
  out.info(
    command
      ? `  Connect:   ${command}`
      : `  Connect:   spawn connect ${instance.instanceId} (no public address yet)`,
  );
  out.info(`  Cost:      ${formatCost(estimate, ttl)}`);
  out.info(
    expiresAt
      ? `  Ends:      terminates at ${expiresAt} (TTL ${ttl})`
      : '  Ends:      never by itself (no TTL): run `spawn terminate` when done',
  );
  if (spec.job) {
    const then = spec.job.onComplete === 'keep' ? 'keeps it' : `${spec.job.onComplete}s it`;
    out.info(
      `  Job:       queued; when it ends spawnd ${then} (after ${formatDuration(spec.job.completeDelayMs)})`,
    );
    out.info(`  Follow:    spawn wait ${spec.name}   (or spawn logs ${spec.name} -f)`);
  }
  const backstop = backstopResultLine(instance.backstop);
  if (instance.backstop.kind === 'absent') out.warn(`  Backstop:  ${backstop}`);
  else out.info(`  Backstop:  ${backstop}`);
  if (out.format === 'table') return;
  const record: Launched = {
    v: 1,
    type: 'launched',
    instanceId: instance.instanceId,
    name: spec.name,
    instanceType: spec.instanceType,
    region: spec.region,
    availabilityZone: instance.zone,
    market,
    ...(spotFallback ? { spotFallback } : {}),
    publicIp: instance.publicIp,
    privateIp: instance.privateIp,
    user: spec.user,
    keyPath: instance.keyPath,
    sshCommand: command,
    // A Spot cap is not what it costs: the record carries a price only when one is known.
    pricePerHour: estimate.isCap ? undefined : estimate.pricePerHour,
    expiresAt,
    idleTimeout: formatDuration(spec.idleTimeoutMs),
    cloudBackstop: instance.backstop.kind,
    cloudBackstopAt: instance.backstop.kind === 'armed' ? instance.backstop.at : undefined,
    cloudBackstopStopAt: instance.backstop.kind === 'armed' ? instance.backstop.stopAt : undefined,
    maxStopped: spec.maxStoppedMs === undefined ? undefined : formatDuration(spec.maxStoppedMs),
    ...(spec.job ? { job: jobFields(spec.job) } : {}),
  };
  out.record(record, []);
}

/** The `launched` record's job fields. */
function jobFields(job: JobSpec): NonNullable<Launched['job']> {
  return {
    state: 'queued',
    command: job.command,
    onComplete: job.onComplete,
    completeDelay: formatDuration(job.completeDelayMs),
    ...(job.group === undefined ? {} : { group: job.group, index: job.indexOffset }),
  };
}
