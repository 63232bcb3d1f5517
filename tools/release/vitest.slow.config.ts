import { configDefaults, defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/** The publishing workflow: build, version, publish to a local Verdaccio, install elsewhere, invoke. */
export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: 'release-slow',
      exclude: [...configDefaults.exclude, 'test/unit/**'],
      testTimeout: 240_000,
      hookTimeout: 600_000,
    },
  }),
);
