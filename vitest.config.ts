import './scripts/test/node20-polyfills.ts';
import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // One moto server per worker for the whole run, shared by every project. Every project keeps
    // vitest's default maxWorkers (cores - 1), as the package configs always had.
    globalSetup: ['./packages/test-utils/src/moto-global-setup.ts'],
  },
});
