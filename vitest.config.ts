import './scripts/test/node20-polyfills.ts';
import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // Each worker gets its own moto server (see scripts/test/moto-global-setup.ts).
    maxWorkers: 2,
  },
});
