import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/index.js';
import { captureLines } from '../fixtures/capture.js';

describe('Logger.writeDocument', () => {
  it('writes the document as its own top-level JSON line, at any level, without log fields', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'svc', stage: 'test', destination: stream });
    logger.setLevel('silent');
    logger.info('not written');
    logger.writeDocument({ _aws: { Timestamp: 1 }, Invocations: [1] });
    expect(lines()).toEqual([{ _aws: { Timestamp: 1 }, Invocations: [1] }]);
  });

  it('keeps lines whole when many are written at once', async () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'svc', stage: 'test', destination: stream });
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        logger.writeDocument({ i });
        logger.info({ i }, 'line');
      }),
    );
    expect(lines()).toHaveLength(400);
    expect(lines().filter((line) => line['msg'] === undefined && line['message'] === undefined)).toHaveLength(200);
  });
});
