import { describe, expect, it } from 'vitest';
import { launchedInstance } from './launched-instance.ts';

describe('launchedInstance', () => {
  const key = {
    name: 'spawn-k',
    exists: true,
    local: {
      privatePath: '/home/u/.ssh/spawn-k',
      publicLine: 'ssh-ed25519 AAAA',
      fingerprint: 'SHA256:abc',
      created: false,
    },
  };
  const backstop = { kind: 'armed', at: '2026-08-01T14:00:00Z', stopAt: undefined } as const;

  it('takes the addresses of the running instance, the market and Spot fallback of the started one', () => {
    const started = {
      instanceId: 'i-1',
      privateIp: '10.0.0.9',
      market: 'on-demand',
      spotFallback: 'no Spot capacity',
    } as const;
    const running = { publicIp: '203.0.113.7', privateIp: '10.0.0.1' };
    expect(launchedInstance({ started, zone: 'us-east-1b', key, running, backstop })).toEqual({
      instanceId: 'i-1',
      zone: 'us-east-1b',
      keyName: 'spawn-k',
      keyPath: '/home/u/.ssh/spawn-k',
      keyFingerprint: 'SHA256:abc',
      publicIp: '203.0.113.7',
      privateIp: '10.0.0.1',
      backstop,
      market: 'on-demand',
      spotFallback: 'no Spot capacity',
    });
  });
});
