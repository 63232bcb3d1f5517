import { describe, expect, it } from '@jest/globals';
import { findTask, type MoveTask } from '../../src/move-task.js';

const task = (overrides: Partial<MoveTask>): MoveTask => ({
  Status: 'COMPLETED',
  SourceArn: 'arn:aws:sqs:us-east-1:000000000000:fetch-service-dev-q-dlq',
  ApproximateNumberOfMessagesMoved: 5,
  ApproximateNumberOfMessagesToMove: 5,
  StartedTimestamp: 1_000,
  ...overrides,
});

describe('Function: findTask', () => {
  it('finds a running task by its handle', () => {
    const ours = task({ Status: 'RUNNING', TaskHandle: 'h1', StartedTimestamp: 2_000 });

    expect(findTask([ours, task({})], 'h1', undefined)).toBe(ours);
  });

  it('follows a task by its start time once its handle is gone (it ended)', () => {
    const ours = task({ StartedTimestamp: 2_000 });
    const later = task({ Status: 'RUNNING', TaskHandle: 'h2', StartedTimestamp: 3_000 });

    expect(findTask([later, ours], 'h1', 2_000)).toBe(ours);
  });

  it('takes the newest ended task when ours ended before it was first seen', () => {
    const ours = task({ StartedTimestamp: 2_000 });

    expect(findTask([ours, task({ StartedTimestamp: 1_000 })], 'h1', undefined)).toBe(ours);
  });

  it('takes the one before a running task of someone else when ours ended first', () => {
    const ours = task({ StartedTimestamp: 2_000 });
    const theirs = task({ Status: 'RUNNING', TaskHandle: 'h2', StartedTimestamp: 3_000 });

    expect(findTask([theirs, ours], 'h1', undefined)).toBe(ours);
  });

  it('finds nothing in an empty list', () => {
    expect(findTask([], 'h1', undefined)).toBeUndefined();
  });
});
