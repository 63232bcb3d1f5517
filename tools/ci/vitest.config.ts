import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The gitlab-ci-local rehearsal (test/slow) runs in `test-slow` only: see vitest.slow.config.ts.
export default mergeConfig(
  sharedConfig,
  defineProject({ test: { name: 'ci', exclude: ['test/slow/**', '**/node_modules/**'] } }),
);
