import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { type MotoServer, startMotoServer } from './moto-server.ts';

/**
 * The root config's global setup: one moto server per test worker for the whole run, shared by
 * every project. Files in one worker run one at a time, so each file may reset "its" server
 * freely (`useMoto()` picks it by VITEST_POOL_ID).
 */
const servers: MotoServer[] = [];

export async function setup(project: TestProject): Promise<void> {
  const probe = spawnSync('python3', ['-c', 'import moto, moto.server; print(moto.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    throw new Error(
      'moto server is required for the integration tests but `python3 -c "import moto.server"` failed.\n' +
        'Install it with: pip install "moto[server]==5.2.1"\n' +
        (probe.stderr ?? ''),
    );
  }
  // Workers are numbered 1..maxWorkers of the group running; the widest project decides.
  const count = Math.max(1, ...project.vitest.projects.map((p) => p.config.maxWorkers));
  const started = await Promise.allSettled(Array.from({ length: count }, () => startMotoServer()));
  for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  project.provide(
    'motoEndpoints',
    servers.map((s) => s.endpoint),
  );
}

export async function teardown(): Promise<void> {
  // A test that failed on "HTTP 500 and a body that is not an AWS response" hit one of these;
  // without this the traceback behind it would be lost with the server.
  const counts = new Map<string, number>();
  for (const line of servers.flatMap((s) => s.crashes())) counts.set(line, (counts.get(line) ?? 0) + 1);
  if (counts.size > 0) {
    const lines = [...counts].map(([line, n]) => `  ${n} x ${line}`);
    process.stderr.write(`moto raised these exceptions while answering:\n${lines.join('\n')}\n`);
  }
  await Promise.all(servers.map((s) => s.stop()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoints: string[];
  }
}
