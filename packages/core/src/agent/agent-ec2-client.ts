import type { ImdsClient } from './imds-client.ts';
import { type AgentEc2Client, createLeanEc2Client } from './lean-ec2/lean-ec2-client.ts';

export type { AgentEc2Client } from './lean-ec2/lean-ec2-client.ts';

/**
 * The EC2 client spawnd uses for its own instance: the lean Query API client, not the SDK (the
 * spawnd package does not depend on the SDK). Endpoint from AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL,
 * credentials from the environment or else the instance role through `imds`.
 */
export function createAgentEc2Client(
  region: string,
  o: { env: Readonly<Record<string, string | undefined>>; imds: Pick<ImdsClient, 'roleCredentials'> },
): AgentEc2Client {
  return createLeanEc2Client({ region, env: o.env, imds: o.imds });
}
