import { defineConfig } from 'vitest/config';

/**
 * Resolves workspace packages to their TypeScript sources, so tests need no build first.
 * Vite's default `module` condition is left out on purpose: Vitest hands the conditions to
 * Node for external packages, and Node cannot load the AWS SDK's `module` (dist-es) build.
 */
const conditions = ['@platform/source', 'node'];

/** The Vitest settings every workspace project shares. */
export const sharedConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
