import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { LaunchClients, LaunchEnvironment, StepContext } from './context.ts';
import { CreatedResources } from './created-resources.ts';
import type { LaunchSpec, LaunchState } from './types.ts';

/** A launch spec for step tests: an on-demand m5.large in us-east-1 with a 1 h TTL and idle timeout. */
export const TEST_SPEC: LaunchSpec = {
  region: 'us-east-1',
  instanceType: 'm5.large',
  market: 'on-demand',
  ttlMs: 3_600_000,
  idleTimeoutMs: 3_600_000,
  onIdle: 'stop',
  onExpire: 'terminate',
  hibernate: false,
  name: 'box',
  user: 'ec2-user',
  sshCidr: '203.0.113.7/32',
};

/**
 * A StepContext for step tests (test code only). Clients a test does not pass are empty stand-ins:
 * a step that calls one fails loudly.
 */
export function testStepContext(
  o: {
    spec?: Partial<LaunchSpec>;
    state?: Partial<LaunchState>;
    clients?: Partial<LaunchClients>;
    environment?: Partial<LaunchEnvironment>;
  } = {},
): StepContext {
  return {
    spec: { ...TEST_SPEC, ...o.spec },
    state: { notes: [], warnings: [], ...o.state },
    clients: {
      ec2: {} as EC2Client,
      ssm: {} as SSMClient,
      sts: {} as STSClient,
      iam: {} as IAMClient,
      ...o.clients,
    },
    environment: {
      homedir: '/nowhere',
      platform: 'linux',
      env: {},
      now: () => new Date(),
      version: '0.1.0',
      dryRun: false,
      ...o.environment,
    },
    created: new CreatedResources(),
  };
}
