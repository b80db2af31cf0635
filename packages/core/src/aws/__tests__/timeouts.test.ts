import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRegionsCommand, DescribeVpcsCommand, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { closedPortEndpoint, faults, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsContext } from '../create-aws-context.ts';
import { fanOut } from '../fan-out.ts';

// Issue 11/12: every AWS request has a connect and a response timeout, so one black-holed region
// cannot block a command; Ctrl-C (the command's signal) aborts calls in flight.
describe('AWS request timeouts and abort, through the fault proxy', () => {
  const moto = useMoto();
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'aws-timeouts-'));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(home, { recursive: true, force: true });
  });

  it('a hung region fails with TIMEOUT within the timeout while the others answer', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { region: 'eu-west-1' }, fault: faults.hang() }],
    });
    // moto's first call in a region builds its backend (seconds): warm up before timing.
    const warm = await createAwsContext({ env: process.env, homedir: home });
    await Promise.all(['us-east-1', 'us-west-2'].map((r) => warm.ec2(r).send(new DescribeVpcsCommand({}))));
    vi.stubEnv('AWS_ENDPOINT_URL', proxy.endpoint);
    const aws = await createAwsContext({ env: process.env, homedir: home, requestTimeoutMs: 2000 });
    const started = Date.now();
    const result = await fanOut(['us-east-1', 'eu-west-1', 'us-west-2'], async (region) => {
      const out = await aws.ec2(region).send(new DescribeVpcsCommand({}));
      return out.Vpcs?.length ?? 0;
    });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(result.ok.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2']);
    expect(result.failed).toEqual([
      {
        region: 'eu-west-1',
        error: expect.objectContaining({
          code: 'TIMEOUT',
          message: 'AWS did not answer within 2 s (DescribeVpcs) in eu-west-1.',
        }),
      },
    ]);
  });

  it('retries a timed-out attempt with the standard retry (AWS_MAX_ATTEMPTS)', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'DescribeRegions' }, times: 1, fault: faults.hang() }],
    });
    await (await createAwsContext({ env: process.env, homedir: home }))
      .ec2()
      .send(new DescribeRegionsCommand({}));
    vi.stubEnv('AWS_ENDPOINT_URL', proxy.endpoint);
    vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
    const aws = await createAwsContext({ env: process.env, homedir: home, requestTimeoutMs: 2000 });
    const out = await aws.ec2().send(new DescribeRegionsCommand({}));
    expect(out.Regions?.length).toBeGreaterThan(10);
    expect(proxy.requests.map((r) => r.fault)).toEqual(['hang', undefined]);
  });

  it('defaults to a 20 s response timeout and a 10 s connect timeout', async () => {
    const aws = await createAwsContext({ env: process.env, homedir: home });
    const handler = (await aws.ec2().config.requestHandler) as unknown as {
      configProvider: Promise<Record<string, unknown>>;
    };
    await expect(handler.configProvider).resolves.toMatchObject({
      requestTimeout: 20_000,
      connectionTimeout: 10_000,
      throwOnRequestTimeout: true,
    });
  });

  it('an unreachable endpoint fails fast as NETWORK_ERROR in every region', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', await closedPortEndpoint());
    const aws = await createAwsContext({ env: process.env, homedir: home });
    const error = await fanOut(['us-east-1', 'eu-west-1'], (region) =>
      aws.ec2(region).send(new DescribeVpcsCommand({})),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', exitCode: 1 });
    expect((error as Error).message).toMatch(
      /^All 2 regions failed the same way; us-east-1: Could not reach AWS/,
    );
  });

  it('the context signal aborts a hung call (paginators too) at once', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: {}, fault: faults.hang() }],
    });
    vi.stubEnv('AWS_ENDPOINT_URL', proxy.endpoint);
    const controller = new AbortController();
    const aws = await createAwsContext({ env: process.env, homedir: home, signal: controller.signal });
    const direct = aws.ec2().send(new DescribeVpcsCommand({}));
    const paged = (async () => {
      for await (const _ of paginateDescribeInstances({ client: aws.ec2('us-west-2') }, {})) {
        // only the first page matters
      }
    })();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(direct).rejects.toMatchObject({ name: 'AbortError' });
    await expect(paged).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a signal shared by many calls in flight causes no listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const aws = await createAwsContext({
        env: process.env,
        homedir: home,
        signal: new AbortController().signal,
      });
      await Promise.all(Array.from({ length: 15 }, () => aws.ec2().send(new DescribeVpcsCommand({}))));
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('without a signal, a call passes its own abortSignal as before', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: {}, fault: faults.hang() }],
    });
    vi.stubEnv('AWS_ENDPOINT_URL', proxy.endpoint);
    const aws = await createAwsContext({ env: process.env, homedir: home });
    await expect(
      aws.ec2().send(new DescribeVpcsCommand({}), { abortSignal: AbortSignal.timeout(200) }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
