import { parseDuration, UserError } from '@truffle-spawn/core';
import { createAgentEc2Client, createImdsClient, extendOwnExpiry } from '@truffle-spawn/core/agent';
import { withAwsErrors } from '@truffle-spawn/core/aws';
import { readSpawndEnv } from '../env-config.ts';

/** `spawnd extend 2h`: moves this instance's `spawn:expires-at`; the daemon sees it next cycle. */
export async function extend(duration: string): Promise<void> {
  const byMs = parseDuration(duration);
  const env = readSpawndEnv(process.env);
  const imds = createImdsClient({ endpoint: env.imdsEndpoint });
  const [instanceId, region] = await Promise.all([imds.instanceId(), imds.region()]).catch((cause) => {
    throw new UserError('NETWORK_ERROR', 'Could not read this instance’s id and region from IMDS.', {
      hint: '`spawnd extend` runs on the instance itself; from your laptop use `spawn extend <instance> 2h`.',
      cause,
    });
  });
  const expiresAt = await withAwsErrors(
    () =>
      extendOwnExpiry(createAgentEc2Client(region, { env: process.env, imds }), instanceId, byMs, Date.now()),
    { region, operation: 'CreateTags' },
  );
  process.stdout.write(`${JSON.stringify({ v: 1, type: 'extended', instanceId, expiresAt })}\n`);
  process.stderr.write(
    `${instanceId} now expires at ${expiresAt}; spawnd moves its OS timer within a minute.\n` +
      'A cloud backstop schedule (if spawn armed one) cannot be moved from the instance: ' +
      'run `spawn extend <instance> <duration>` from your machine to move it too.\n',
  );
}
