import { fileURLToPath } from 'node:url';
import { configDefaults, defineProject, type UserWorkspaceConfig } from 'vitest/config';
import { mockingTests } from './scripts/test/mocking-tests.ts';

/**
 * Test files left out of the fast lane (`pnpm test:fast`): they run the built binaries
 * (`*.e2e.test.ts`, spawn's lifecycle tests, the spawnd executable, the packed tarballs) or take
 * over ~3 s (moto-heavy launches, fault matrices, signals, real-time waits). They form the `slow`
 * project; `pnpm test` runs every project. Paths are from the repository root.
 */
export const slowTests = [
  '**/*.e2e.test.ts',
  'packages/core/src/agent/__tests__/spawnd-*.test.ts',
  'packages/core/src/agent/__tests__/publish-install.test.ts',
  'packages/core/src/agent/lean-ec2/lean-ec2-client.test.ts',
  'packages/core/src/agent/lean-ec2/__tests__/lean-ec2-proxy.test.ts',
  'packages/core/src/aws/__tests__/fault-proxy.test.ts',
  'packages/core/src/aws/__tests__/mfa-role-cache.test.ts',
  'packages/core/src/aws/__tests__/moto-server.test.ts',
  'packages/core/src/aws/__tests__/proxy-and-endpoints.test.ts',
  'packages/core/src/aws/__tests__/timeouts.test.ts',
  'packages/core/src/aws/create-aws-context.test.ts',
  'packages/core/src/cli-kit/compile-cache.test.ts',
  'packages/core/src/launch/gpu-image-moto.test.ts',
  'packages/core/src/launch/launch-rollback.test.ts',
  'packages/core/src/launch/launch-transaction.test.ts',
  'packages/core/src/launch/backstop-concurrency.test.ts',
  'packages/core/src/lifecycle/plan-cleanup.test.ts',
  'packages/core/src/scheduler/__tests__/scheduler-moto.test.ts',
  'packages/spawn/src/__tests__/connect-ssh-config.test.ts',
  'packages/spawn/src/__tests__/launch-backstop.test.ts',
  'packages/spawn/src/__tests__/launch-bad-stdin.test.ts',
  'packages/spawn/src/__tests__/launch-concurrent-first.test.ts',
  'packages/spawn/src/__tests__/launch-config-defaults.test.ts',
  'packages/spawn/src/__tests__/launch-faults-*.test.ts',
  'packages/spawn/src/__tests__/launch-gpu-image.test.ts',
  'packages/spawn/src/__tests__/launch-no-default-vpc.test.ts',
  'packages/spawn/src/__tests__/launch-org-options.test.ts',
  'packages/spawn/src/__tests__/launch-parallel.test.ts',
  'packages/spawn/src/__tests__/launch-spawnd-checksum.test.ts',
  'packages/spawn/src/__tests__/launch-spot.test.ts',
  'packages/spawn/src/__tests__/launch-wait-ssh.test.ts',
  'packages/spawn/src/__tests__/lifecycle-allow-ip.test.ts',
  'packages/spawn/src/__tests__/lifecycle-backstop.test.ts',
  'packages/spawn/src/__tests__/lifecycle-cleanup.test.ts',
  'packages/spawn/src/__tests__/lifecycle-connect.test.ts',
  'packages/spawn/src/__tests__/lifecycle-list.test.ts',
  'packages/spawn/src/__tests__/list-regions.test.ts',
  'packages/truffle/src/__tests__/progress.e2e.test.ts',
  'packages/spawn/src/__tests__/lifecycle-terminate.test.ts',
  'packages/spawn/src/__tests__/lifecycle-ttl.test.ts',
  'packages/spawnd/src/daemon/notify-warnings.test.ts',
  'packages/spawnd/src/daemon/job-completion.test.ts',
  'packages/spawn/src/__tests__/job-run.test.ts',
  'packages/spawn/src/__tests__/job-wait.test.ts',
  'packages/spawn/src/__tests__/job-ssh.test.ts',
  'packages/spawn/src/__tests__/job-count.test.ts',
  'packages/spawn/src/__tests__/job-count-partial.test.ts',
  'packages/spawn/src/__tests__/job-group-cleanup.test.ts',
  'packages/spawn/src/__tests__/job-status-list.test.ts',
  'packages/truffle/src/__tests__/aws-config-cli.test.ts',
  'packages/truffle/src/__tests__/search-exact-moto.test.ts',
  'packages/truffle/src/__tests__/search-live-types.test.ts',
  'packages/truffle/src/__tests__/search-moto.test.ts',
  'scripts/test/pack-smoke.test.ts',
  'scripts/test/package-deps.test.ts',
  'scripts/test/node-versions.test.ts',
  'scripts/test/bench-fan-out-backends.test.ts',
];

/** What every project shares: workspace packages resolve to their `src` (no build needed). */
function testProject(name: string, test: UserWorkspaceConfig['test']): UserWorkspaceConfig {
  return defineProject({
    resolve: { conditions: ['source'] },
    // Workspace packages are externalised in vitest 5: without this, tests would load stale dist/.
    ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
    test: { name, testTimeout: 30_000, hookTimeout: 60_000, ...test },
  });
}

const folders = ['packages/core', 'packages/truffle', 'packages/spawn', 'packages/spawnd', 'scripts'];

/**
 * `pnpm test:fast` sets TEST_LANE=fast: workers then run file after file without a fresh module
 * graph, except the files that mock something, which keep a fresh worker each in the `isolated`
 * project. `pnpm test` isolates every file. test:fast asks for 2 workers (each with its own moto):
 * 44-47 s on an idle 2-core machine, 67 s with vitest's default of cores - 1 (2026-11-27).
 */
const fastLane = process.env.TEST_LANE === 'fast';
const isolatedTests = fastLane ? mockingTests(fileURLToPath(new URL('.', import.meta.url)), folders) : [];

/** The part of `globs` (paths from the repository root) inside `folder`, relative to it. */
const inFolder = (globs: string[], folder: string) =>
  globs.flatMap((glob) =>
    glob.startsWith('**/') ? [glob] : glob.startsWith(`${folder}/`) ? [glob.slice(folder.length + 1)] : [],
  );

/** The project of one folder (`packages/core`, `scripts`): its tests but the slow ones. */
export function folderProject(
  name: string,
  folder: string,
  include = ['src/**/*.test.ts'],
): UserWorkspaceConfig {
  const exclude = [...configDefaults.exclude, ...inFolder([...slowTests, ...isolatedTests], folder)];
  return testProject(name, {
    include,
    exclude,
    ...(fastLane ? { isolate: false } : {}),
  });
}

/** The one list of test projects (vitest 5 no longer reads workspace files; vitest.config.ts imports it). */
export const projects = [
  ...folders,
  testProject('slow', { include: slowTests }),
  ...(fastLane ? [testProject('isolated', { include: isolatedTests, exclude: slowTests })] : []),
];
