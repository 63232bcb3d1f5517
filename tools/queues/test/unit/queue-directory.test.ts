import { describe, expect, it } from '@jest/globals';
import { QueueNotFoundError } from '../../src/errors.js';
import { isOfStage, parseReference } from '../../src/queue-directory.js';

describe('Function: parseReference', () => {
  it.each([
    ['fetch-service-dev-fetch-requests-dlq', { name: 'fetch-service-dev-fetch-requests-dlq' }],
    [
      'https://sqs.eu-west-1.amazonaws.com/123456789012/fetch-service-dev-fetch-requests-dlq',
      {
        name: 'fetch-service-dev-fetch-requests-dlq',
        url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/fetch-service-dev-fetch-requests-dlq',
      },
    ],
    [
      'arn:aws:sqs:eu-west-1:123456789012:fetch-service-dev-fetch-requests-dlq',
      { name: 'fetch-service-dev-fetch-requests-dlq', account: '123456789012' },
    ],
    ['arn:aws:sqs:eu-west-1:123456789012:orders.fifo', { name: 'orders.fifo', account: '123456789012' }],
  ])('reads %s', (input, expected) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it.each([['arn:aws:sns:eu-west-1:1:topic'], ['http://127.0.0.1:4566/'], ['no spaces allowed'], ['']])(
    'refuses %j',
    (input) => {
      expect(() => parseReference(input)).toThrow(QueueNotFoundError);
    },
  );
});

describe('Function: isOfStage', () => {
  it.each([
    ['fetch-service-dev-fetch-requests-dlq', 'dev', true],
    ['risk-service-mr-7-risk-updates-dlq', 'mr-7', true],
    ['fetch-service-prod-fetch-requests-dlq', 'dev', false],
    ['dev-fetch-requests', 'dev', false],
    ['fetch-service-dev-', 'dev', false],
  ])('%s is of stage %s: %s', (name, stage, expected) => {
    expect(isOfStage(name, stage)).toBe(expected);
  });
});
