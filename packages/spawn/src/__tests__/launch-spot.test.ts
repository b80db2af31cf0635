import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { type MotoContext, useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { inventory } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

// Issue 15, "Spot that does not surprise", against moto (moto accepts spot requests and ignores the cap).
const moto = useMoto();
const LAUNCH = ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'running'];
const capacityError = {
  kind: 'error',
  status: 500,
  code: 'InsufficientInstanceCapacity',
  message: 'We currently do not have sufficient t3.micro capacity in the Availability Zone you requested.',
} as const;

/**
 * The EC2 query bodies a launch sends, on their way to `target` (the fault proxy records actions,
 * not parameters, and the cap's wire text is the point here).
 */
async function withBodies<T>(target: string, fn: (bodies: URLSearchParams[]) => Promise<T>): Promise<T> {
  const bodies: URLSearchParams[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      bodies.push(new URLSearchParams(body.toString('utf8')));
      const up = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await fn(bodies);
  } finally {
    process.env.AWS_ENDPOINT_URL = moto.endpoint;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const runInstancesBodies = (bodies: URLSearchParams[]) =>
  bodies.filter((b) => b.get('Action') === 'RunInstances');

async function expectNothingLeft(m: MotoContext): Promise<void> {
  expect(m.endpoint).toBe(process.env.AWS_ENDPOINT_URL);
  const inv = await inventory();
  expect({
    instances: inv.instances.length,
    keyPairs: inv.keyPairs,
    groups: inv.securityGroups.length,
  }).toEqual({
    instances: 0,
    keyPairs: [],
    groups: 0,
  });
}

describe('spot launches (in-process, moto)', () => {
  it.each([
    ['0.1', '0.1'],
    ['0.00001', '0.00001'],
    ['1e-5', '0.00001'],
  ])('--max-price %s reaches EC2 as MaxPrice=%s', async (flag, wire) => {
    const run = await withBodies(moto.endpoint, async (bodies) => {
      const r = await runSpawn([...LAUNCH, '--spot', '--max-price', flag]);
      return { ...r, sent: runInstancesBodies(bodies) };
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.sent.map((b) => b.get('InstanceMarketOptions.SpotOptions.MaxPrice'))).toEqual([wire]);
    expect(run.stderr).toContain(`(max $${wire}/hour)`);
  });

  it('without --max-price sends no cap: AWS caps at the on-demand price', async () => {
    const run = await withBodies(moto.endpoint, async (bodies) => {
      const r = await runSpawn([...LAUNCH, '--spot']);
      return { ...r, sent: runInstancesBodies(bodies) };
    });
    expect(run.code, run.stderr).toBe(0);
    const [body] = run.sent;
    expect(body?.get('InstanceMarketOptions.MarketType')).toBe('spot');
    expect(body?.has('InstanceMarketOptions.SpotOptions.MaxPrice')).toBe(false);
  });

  it.each([
    [['--max-price', '0.1'], /--max-price is a Spot cap, but --spot was not given/, /Add --spot/],
    [['--fallback-on-demand'], /--fallback-on-demand is for Spot launches/, /Add --spot/],
    [['--spot', '--max-price', '-1'], /--max-price/, /expected a number/],
    [['--spot', '--max-price', 'cheap'], /--max-price/, /expected a number/],
    [['--spot', '--max-price', '0'], /Invalid --max-price: 0/, /above 0/],
  ])('%j is a usage error (exit 2) and nothing is called or created', async (flags, message, hint) => {
    await using proxy = await startFaultProxy({ target: moto.endpoint });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn([...LAUNCH, ...flags]).finally(() => {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(hint);
    expect(proxy.requests.filter((r) => /^(Create|Run|Import|Put|Add)/.test(r.action ?? ''))).toEqual([]);
    await expectNothingLeft(moto);
  });

  it('--spot --fallback-on-demand: no Spot capacity, so it launches on-demand and says so', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'RunInstances' }, calls: [1], fault: capacityError }],
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn([...LAUNCH, '--spot', '--fallback-on-demand', '--output', 'ndjson']).finally(
      () => {
        process.env.AWS_ENDPOINT_URL = moto.endpoint;
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.requests.filter((r) => r.action === 'RunInstances').map((r) => r.fault)).toEqual([
      'error',
      undefined,
    ]);
    expect(run.stderr).toMatch(/No Spot capacity in us-east-1\w .*launched ON-DEMAND instead/);
    expect(run.stderr).toMatch(/Launched i-\w+ \(t3\.micro, on-demand\)/);
    const [instance, ...others] = (await inventory()).instances;
    expect(others).toEqual([]);
    expect(instance?.InstanceLifecycle).toBeUndefined();
    expect(run.records).toEqual([
      expect.objectContaining({
        type: 'launched',
        instanceId: instance?.InstanceId,
        market: 'on-demand',
        spotFallback: expect.stringMatching(/^EC2_CAPACITY_UNAVAILABLE: /),
      }),
    ]);
  });

  it('--spot alone: the capacity error fails the launch (exit 5) and the rollback leaves nothing', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'RunInstances' }, fault: capacityError }],
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn([...LAUNCH, '--spot']).finally(() => {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    });
    expect(run.code, run.stderr).toBe(5);
    expect(proxy.requests.filter((r) => r.action === 'RunInstances')).toHaveLength(1);
    expect(run.stderr).toMatch(/deleting what this run created/);
    await expectNothingLeft(moto);
  });

  it('--fallback-on-demand whose on-demand attempt also fails rolls back everything', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'RunInstances' }, fault: capacityError }],
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn([...LAUNCH, '--spot', '--fallback-on-demand']).finally(() => {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    });
    expect(run.code, run.stderr).toBe(5);
    expect(proxy.requests.filter((r) => r.action === 'RunInstances')).toHaveLength(2);
    await expectNothingLeft(moto);
  });
});

describe('the spot plan (in-process, moto: its spot price history is a constant $0.00001 dated 2006)', () => {
  const offer = (extra: object) =>
    `${JSON.stringify({
      v: 1,
      type: 'offer',
      instanceType: 't3.micro',
      region: 'us-east-1',
      vcpus: 2,
      memoryMiB: 1024,
      architecture: 'x86_64',
      ...extra,
    })}\n`;

  it('flags: the live spot price of the zone, the TTL total, the cap and the interruption bucket, each with its source', async () => {
    const run = await runSpawn([...LAUNCH.slice(0, 5), '--spot', '--dry-run', '--ttl', '8h']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Cost {7}\$0\.00001\/hour \(spot, 100% below on-demand\), at most \$0\.\d\d for the 8h TTL/,
    );
    expect(run.stderr).toMatch(
      /Price {6}spot price from DescribeSpotPriceHistory in (us-east-1\w) \(in effect since 2006-01-02T15:04:05[.\d]*Z\); on-demand price from the offline catalog/,
    );
    expect(run.stderr).toMatch(
      /Spot {7}capped at the on-demand price, \$0\.0104\/hour \(AWS's default cap\); \S+ interruption frequency \(Spot Advisor, as of \d{4}-/,
    );
    const zone = /Instance {3}t3\.micro, spot in (us-east-1\w)/.exec(run.stderr)?.[1];
    expect(run.stderr).toContain(`DescribeSpotPriceHistory in ${zone} `);
  });

  it('no live spot price: the cap is the hourly figure and the TTL total is an upper bound, and it says why', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        {
          match: { action: 'DescribeSpotPriceHistory' },
          fault: { kind: 'error', status: 500, code: 'InternalError' },
        },
      ],
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn([...LAUNCH.slice(0, 5), '--spot', '--max-price', '0.05', '--dry-run']).finally(
      () => {
        process.env.AWS_ENDPOINT_URL = moto.endpoint;
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Cost {7}at most \$0\.0500\/hour \(the Spot cap: spot price unknown\), at most \$0\.4\d for the 8h TTL/,
    );
    expect(run.stderr).toMatch(
      /Price {6}spot cap from the cap, --max-price \(live spot price unavailable: InternalError\)/,
    );
    expect(run.stderr).toMatch(/Spot {7}capped at \$0\.05\/hour \(--max-price\)/);
  });

  it('pipe: the offer price is the spot price, not the cap (no MaxPrice is sent)', async () => {
    const run = await withBodies(moto.endpoint, async (bodies) => {
      const r = await runSpawn([...LAUNCH.slice(2), '--output', 'ndjson'], {
        stdinText: offer({ market: 'spot', pricePerHour: 0.0031, onDemandPricePerHour: 0.0104 }),
      });
      return { ...r, sent: runInstancesBodies(bodies) };
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Cost {7}\$0\.0031\/hour \(spot, 70% below on-demand\), at most \$0\.\d\d for the 8h TTL/,
    );
    expect(run.stderr).toMatch(
      /Price {6}spot price from the piped offer; on-demand price from the piped offer/,
    );
    expect(
      run.sent.map((b) => [
        b.get('InstanceMarketOptions.MarketType'),
        b.get('InstanceMarketOptions.SpotOptions.MaxPrice'),
      ]),
    ).toEqual([['spot', null]]);
    expect(run.records).toEqual([
      expect.objectContaining({ type: 'launched', market: 'spot', pricePerHour: 0.0031 }),
    ]);
  });

  it('pipe: --max-price without --spot is refused before the pipe is read', async () => {
    const run = await runSpawn([...LAUNCH.slice(2), '--max-price', '0.00001'], {
      stdinText: offer({ market: 'spot', pricePerHour: 0.00001 }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/add --spot/i);
    expect((await inventory()).instances).toEqual([]);
  });

  it('pipe: --spot --max-price 0.00001 reaches EC2 as 0.00001', async () => {
    const run = await withBodies(moto.endpoint, async (bodies) => {
      const r = await runSpawn([...LAUNCH.slice(2), '--spot', '--max-price', '0.00001'], {
        stdinText: offer({ market: 'spot', pricePerHour: 0.00001 }),
      });
      return { ...r, sent: runInstancesBodies(bodies) };
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.sent.map((b) => b.get('InstanceMarketOptions.SpotOptions.MaxPrice'))).toEqual(['0.00001']);
    expect(run.stderr).toMatch(/Cost {7}\$0\.00001\/hour/);
  });
});
