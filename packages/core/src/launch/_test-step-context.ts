import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { LaunchClients, LaunchEnvironment, StepContext } from './context.ts';
import { CreatedResources } from './created-resources.ts';
import { LaunchId } from './launch-id.ts';
import type { LaunchPlan } from './plan.ts';
import type { LaunchSpec } from './types.ts';

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
    clients?: Partial<LaunchClients>;
    environment?: Partial<LaunchEnvironment>;
  } = {},
): StepContext {
  const environment: LaunchEnvironment = {
    homedir: '/nowhere',
    platform: 'linux',
    env: {},
    now: () => new Date(),
    version: '0.1.0',
    dryRun: false,
    ...o.environment,
  };
  return {
    spec: { ...TEST_SPEC, ...o.spec },
    clients: {
      ec2: {} as EC2Client,
      ssm: {} as SSMClient,
      sts: {} as STSClient,
      iam: {} as IAMClient,
      ...o.clients,
    },
    environment,
    created: new CreatedResources(),
    launchId: new LaunchId(environment.now),
    notes: [],
  };
}

/** A plan as the lookups would find it (default VPC, key pair and role exist), for create-step tests. */
export function testPlan(over: Partial<LaunchPlan> = {}): LaunchPlan {
  const spec = { ...TEST_SPEC, ...over.spec };
  return {
    account: { id: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/ada' },
    type: { architecture: 'x86_64', memoryMiB: 1024, vcpus: 2, hasGpu: false, hibernationSupported: false },
    image: { imageId: 'ami-0abc', source: '--ami', rootDeviceName: '/dev/xvda' },
    key: {
      kind: 'reuse',
      name: 'spawn-k',
      local: {
        privatePath: '/nowhere/id_ed25519',
        publicLine: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbHk7bKNKm6fhgTK1Z6o4L7EYWBw6nfDxv7dPkhNZ1o spawn',
        fingerprint: 'SHA256:x',
        created: false,
      },
    },
    network: { kind: 'default', vpcId: 'vpc-1', subnetId: 'subnet-1', zone: 'us-east-1b' },
    instanceProfile: { kind: 'ready', name: 'spawnd-agent' },
    price: { onDemandPricePerHour: undefined, pricePerHour: undefined, source: 'none found' },
    diskPrice: { usdPerGbMonth: 0.08, source: 'test' },
    spawnd: { kind: 'home-bucket-at-boot' },
    backstop: { kind: 'available' },
    warnings: [],
    ...over,
    spec,
  };
}
