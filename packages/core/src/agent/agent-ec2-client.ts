import { EC2Client } from '@aws-sdk/client-ec2';

export type { EC2Client } from '@aws-sdk/client-ec2';

/**
 * The EC2 client spawnd uses for its own instance (the spawnd package does not depend on the SDK
 * directly). The SDK reads AWS_ENDPOINT_URL and the instance-role credentials by itself.
 */
export function createAgentEc2Client(region: string): EC2Client {
  return new EC2Client({ region });
}
