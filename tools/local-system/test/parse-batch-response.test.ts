import { describe, expect, it } from '@jest/globals';
import { parseBatchResponse } from '../src/event-source-mapping/parse-batch-response.js';

const batch = new Set(['m-1', 'm-2', 'm-3']);

describe('parseBatchResponse', () => {
  it('returns the listed records as failed', () => {
    // Prepare
    const payload = JSON.stringify({ batchItemFailures: [{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }] });

    // Act
    const verdict = parseBatchResponse(payload, batch);

    // Assess
    expect(verdict).toEqual({ failedIds: new Set(['m-2', 'm-3']) });
  });

  it.each([
    ['an empty response', ''],
    ['a null response', 'null'],
    ['an empty object', '{}'],
    ['a null list', '{"batchItemFailures":null}'],
    ['an empty list', '{"batchItemFailures":[]}'],
  ])('treats %s as a complete success', (_case, payload) => {
    // Act
    const verdict = parseBatchResponse(payload, batch);

    // Assess
    expect(verdict).toEqual({ failedIds: new Set() });
  });

  it.each([
    ['invalid JSON', '{"batchItemFailures":', 'not valid JSON'],
    ['a response that is not an object', '"done"', 'not an object'],
    ['a list that is not a list', '{"batchItemFailures":{"itemIdentifier":"m-1"}}', 'not a list'],
    ['an empty itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":""}]}', 'no itemIdentifier'],
    ['a null itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":null}]}', 'no itemIdentifier'],
    ['a misspelt key', '{"batchItemFailures":[{"itemIdentifer":"m-1"}]}', 'no itemIdentifier'],
    ['an entry that is not an object', '{"batchItemFailures":["m-1"]}', 'no itemIdentifier'],
    [
      'a message of another batch',
      '{"batchItemFailures":[{"itemIdentifier":"m-9"}]}',
      '"m-9" is not a message of this batch',
    ],
  ])('treats %s as malformed', (_case, payload, reason) => {
    // Act
    const verdict = parseBatchResponse(payload, batch);

    // Assess
    expect(verdict).toEqual({ malformed: expect.stringContaining(reason) });
  });
});
