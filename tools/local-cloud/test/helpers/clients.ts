import { afterAll, beforeAll } from '@jest/globals';
import type { LocalCloudOptions } from '../../src/index.js';
import { startTestCloud, type TestCloud } from '../../src/testing.js';

export { startTestCloud };
export type { TestCloud };

/**
 * Starts a private local cloud before the file's tests and stops it after them; the returned
 * object reads the running one, so tests use it as they would a {@link TestCloud}.
 *
 * @example
 * const t = useTestCloud({ postgres: false });
 * it('...', async () => { await t.sqs.send(command); });
 */
export const useTestCloud = (options: LocalCloudOptions = {}): Omit<TestCloud, 'stop'> => {
  let started: TestCloud | undefined;
  const current = (): TestCloud => {
    if (!started) throw new Error('the test cloud is not started yet (use it inside a test)');
    return started;
  };
  beforeAll(async () => {
    started = await startTestCloud(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get cloud() {
      return current().cloud;
    },
    get ssm() {
      return current().ssm;
    },
    get sqs() {
      return current().sqs;
    },
    get dynamodb() {
      return current().dynamodb;
    },
  };
};
