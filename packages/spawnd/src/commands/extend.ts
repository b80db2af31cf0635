import { parseDuration, UserError } from '@truffle-spawn/core';
import { createAgentEc2Client, createImdsClient, extendOwnExpiry } from '@truffle-spawn/core/agent';
import type { SpawndExtendedRecord } from '@truffle-spawn/core/protocol';
import type { ExtendInput } from '../command-table.ts';
import type { SpawndContext } from '../context.ts';
import { readSpawndEnv } from '../env-config.ts';

/** `spawnd extend 2h`: moves this instance's `spawn:expires-at`; the daemon sees it next cycle. */
export async function run(ctx: SpawndContext, input: ExtendInput): Promise<void> {
  const byMs = parseDuration(input.duration);
  const env = readSpawndEnv(ctx.io.env);
  const imds = createImdsClient({ endpoint: env.imdsEndpoint });
  const [instanceId, region] = await Promise.all([imds.instanceId(), imds.region()]).catch((cause) => {
    throw new UserError('NETWORK_ERROR', 'Could not read this instance’s id and region from IMDS.', {
      hint: '`spawnd extend` runs on the instance itself; from your laptop use `spawn extend <instance> 2h`.',
      cause,
    });
  });
  // The agent's EC2 client fails with translated UserErrors (code, hint, exit code).
  const ec2 = createAgentEc2Client(region, { env: ctx.io.env, imds });
  const expiresAt = await extendOwnExpiry(ec2, instanceId, byMs, Date.now());
  const record: SpawndExtendedRecord = { v: 1, type: 'extended', instanceId, expiresAt };
  ctx.io.stdout.write(`${JSON.stringify(record)}\n`);
  ctx.io.stderr.write(
    `${instanceId} now expires at ${expiresAt}; spawnd moves its OS timer within a minute.\n` +
      'A cloud backstop schedule (if spawn armed one) cannot be moved from the instance: ' +
      'run `spawn extend <instance> <duration>` from your machine to move it too.\n',
  );
}
