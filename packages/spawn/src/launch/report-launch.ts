import { formatDuration, type Launched } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  backstopResultLine,
  estimateCost,
  formatCost,
  type LaunchSpec,
  type LaunchState,
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
export function reportLaunch(ctx: CommandContext, spec: LaunchSpec, state: LaunchState): void {
  const ttl = spec.ttlMs === undefined ? undefined : formatDuration(spec.ttlMs);
  const expiresAt =
    spec.ttlMs === undefined ? undefined : new Date(ctx.io.now().getTime() + spec.ttlMs).toISOString();
  const command = sshCommand({
    platform: ctx.io.platform,
    keyPath: state.keyPath,
    user: spec.user,
    host: state.publicIp,
  });
  const estimate = estimateCost(spec, diskFacts(spec, state));
  const out = ctx.output;
  out.success(
    `Launched ${state.instanceId} (${spec.instanceType}, ${spec.market}) in ${state.availabilityZone ?? spec.region}`,
  );
  out.info(
    command
      ? `  Connect:   ${command}`
      : `  Connect:   spawn connect ${state.instanceId} (no public address yet)`,
  );
  out.info(`  Cost:      ${formatCost(estimate, ttl)}`);
  out.info(
    expiresAt
      ? `  Ends:      terminates at ${expiresAt} (TTL ${ttl})`
      : '  Ends:      never by itself (no TTL): run `spawn terminate` when done',
  );
  const backstop = backstopResultLine(state);
  if (state.cloudBackstop === 'absent') out.warn(`  Backstop:  ${backstop}`);
  else if (backstop) out.info(`  Backstop:  ${backstop}`);
  if (out.format === 'table') return;
  const record: Launched = {
    v: 1,
    type: 'launched',
    instanceId: state.instanceId ?? '',
    name: spec.name,
    instanceType: spec.instanceType,
    region: spec.region,
    availabilityZone: state.availabilityZone,
    market: spec.market,
    publicIp: state.publicIp,
    privateIp: state.privateIp,
    user: spec.user,
    keyPath: state.keyPath,
    sshCommand: command,
    pricePerHour: estimate.pricePerHour,
    expiresAt,
    idleTimeout: formatDuration(spec.idleTimeoutMs),
    cloudBackstop: state.cloudBackstop,
    cloudBackstopAt: state.cloudBackstopAt,
    cloudBackstopStopAt: state.cloudBackstopStopAt,
    maxStopped: spec.maxStoppedMs === undefined ? undefined : formatDuration(spec.maxStoppedMs),
  };
  out.record(record, []);
}
