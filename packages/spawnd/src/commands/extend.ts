import { parseDuration } from '@truffle-spawn/core';
import { createAgentEc2Client, createImdsClient, extendOwnExpiry } from '@truffle-spawn/core/agent';
import { readSpawndEnv } from '../env-config.ts';

/** `spawnd extend 2h`: moves this instance's `spawn:expires-at`; the daemon sees it next cycle. */
export async function extend(duration: string): Promise<void> {
  const byMs = parseDuration(duration);
  const env = readSpawndEnv(process.env);
  const imds = createImdsClient({ endpoint: env.imdsEndpoint });
  const [instanceId, region] = await Promise.all([imds.instanceId(), imds.region()]);
  const expiresAt = await extendOwnExpiry(createAgentEc2Client(region), instanceId, byMs, Date.now());
  process.stdout.write(`${JSON.stringify({ instanceId, expiresAt })}\n`);
  process.stderr.write(`${instanceId} now expires at ${expiresAt}\n`);
}
