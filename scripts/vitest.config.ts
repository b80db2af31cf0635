import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    name: 'scripts',
    include: ['**/*.test.ts'],
    globalSetup: ['./test/moto-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
