import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  // Workspace packages are externalised in vitest 5: without this, tests would load stale dist/.
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    name: 'truffle',
    include: ['src/**/*.test.ts'],
    globalSetup: ['../../scripts/test/moto-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
