import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The generators' workflow tests (test/slow) run in `test-slow` only: see vitest.slow.config.ts.
export default mergeConfig(
  sharedConfig,
  defineProject({ test: { name: 'nx-plugin', exclude: ['test/slow/**', '**/node_modules/**'] } }),
);
