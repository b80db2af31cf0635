import type {
  BackstopOutcome,
  LaunchedInstance,
  PreparedKey,
  RunningInstance,
  StartedInstance,
} from './launch-result.ts';

/**
 * What a launch reports for one instance (a single launch, or each member of a `--count` group):
 * the instance RunInstances started, in its zone, reached with the launch's key at the addresses
 * it has once running, with its cloud backstop.
 */
export function launchedInstance(o: {
  started: StartedInstance;
  zone: string;
  key: PreparedKey;
  running: RunningInstance;
  backstop: BackstopOutcome;
}): LaunchedInstance {
  return {
    instanceId: o.started.instanceId,
    zone: o.zone,
    keyName: o.key.name,
    keyPath: o.key.local.privatePath,
    keyFingerprint: o.key.local.fingerprint,
    publicIp: o.running.publicIp,
    privateIp: o.running.privateIp,
    backstop: o.backstop,
    market: o.started.market,
    spotFallback: o.started.spotFallback,
  };
}
