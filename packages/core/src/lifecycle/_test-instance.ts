import type { ManagedInstance } from './managed-instance.ts';

/** A managed instance for pure tests; override what the case is about. */
export function testInstance(over: Partial<ManagedInstance> = {}): ManagedInstance {
  return {
    instanceId: 'i-0123456789abcdef0',
    name: 'box',
    instanceType: 't3.micro',
    region: 'us-east-1',
    availabilityZone: 'us-east-1a',
    state: 'running',
    launchedAt: '2030-01-01T10:00:00.000Z',
    market: 'on-demand',
    publicIp: '198.51.100.7',
    publicDns: 'ec2-198-51-100-7.compute-1.amazonaws.com',
    hibernationConfigured: false,
    volumeIds: [],
    tags: { 'spawn:managed': 'true', Name: 'box' },
    ...over,
  };
}
