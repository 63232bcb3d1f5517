import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.js';

export default mergeConfig(
  sharedConfig,
  defineProject({ test: { name: 'e2e', testTimeout: 60_000, hookTimeout: 240_000, fileParallelism: false } }),
);
