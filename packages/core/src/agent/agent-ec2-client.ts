import { withAwsErrorTranslation } from '../aws/aws-error-middleware.ts';
import type { ImdsClient } from './imds-client.ts';
import { type AgentEc2Client, createLeanEc2Client } from './lean-ec2/lean-ec2-client.ts';

export type { AgentEc2Client } from './lean-ec2/lean-ec2-client.ts';

/**
 * spawnd's EC2 request timeout: short, so with a black-holed API its fallbacks (IMDS tags, OS
 * shutdown) start within seconds of each call instead of half a minute; its calls are tiny.
 */
export const AGENT_EC2_TIMEOUT_MS = 5000;

/**
 * The EC2 client spawnd uses for its own instance: the lean Query API client, not the SDK (the
 * spawnd package does not depend on the SDK). Endpoint from AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL,
 * credentials from the environment or else the instance role through `imds`. Its failures are
 * translated UserErrors like every SDK client's (see addAwsErrorTranslation).
 */
export function createAgentEc2Client(
  region: string,
  o: {
    env: Readonly<Record<string, string | undefined>>;
    imds: Pick<ImdsClient, 'roleCredentials'>;
    timeoutMs?: number;
  },
): AgentEc2Client {
  const lean = createLeanEc2Client({
    region,
    env: o.env,
    imds: o.imds,
    timeoutMs: o.timeoutMs ?? AGENT_EC2_TIMEOUT_MS,
  });
  return withAwsErrorTranslation(lean, { region });
}
