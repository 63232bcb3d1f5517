import { configDefaults, defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/** Unit tests only; the publishing workflow runs with `npm run test-slow` (vitest.slow.config.ts). */
export default mergeConfig(
  sharedConfig,
  defineProject({ test: { name: 'release', exclude: [...configDefaults.exclude, 'test/slow/**'] } }),
);
