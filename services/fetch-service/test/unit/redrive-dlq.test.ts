import { describe, expect, it } from '@jest/globals';
import { redriveDlq } from '../../src/core/redrive-dlq.js';
import { InMemoryDeadLetterQueue } from '../fixtures/in-memory.js';

describe('redriveDlq', () => {
  it('moves every message back, ten at a time, until the DLQ is empty', async () => {
    const queues = new InMemoryDeadLetterQueue(25);
    const bodies = queues.dlq.map((message) => message.body);

    const result = await redriveDlq(queues);

    expect(result).toEqual({ moved: 25, failed: 0, notDeleted: 0 });
    expect(queues.dlq).toEqual([]);
    expect(queues.source.map((message) => message.body)).toEqual(bodies);
    expect(queues.receiveSizes).toEqual([10, 10, 10, 10]);
  });

  it('stops at max, receiving no more than it may move', async () => {
    const queues = new InMemoryDeadLetterQueue(25);

    const result = await redriveDlq(queues, { max: 12 });

    expect(result).toEqual({ moved: 12, failed: 0, notDeleted: 0 });
    expect(queues.receiveSizes).toEqual([10, 2]);
    expect(queues.dlq).toHaveLength(13);
  });

  it('keeps messages that could not be sent in the DLQ and counts them failed', async () => {
    const queues = new InMemoryDeadLetterQueue(15);
    queues.failSend = (id) => id === 'm-3' || id === 'm-12';

    const result = await redriveDlq(queues);

    expect(result).toEqual({ moved: 13, failed: 2, notDeleted: 0 });
    expect(queues.dlq.map((message) => message.id)).toEqual(['m-3', 'm-12']);
    expect(queues.source.map((message) => message.id)).not.toContain('m-3');
  });

  it('stops when a whole batch fails to send instead of spinning', async () => {
    const queues = new InMemoryDeadLetterQueue(30);
    queues.failSend = () => true;

    const result = await redriveDlq(queues);

    expect(result).toEqual({ moved: 0, failed: 10, notDeleted: 0 });
    expect(queues.dlq).toHaveLength(30);
  });

  it('counts messages sent but not deleted', async () => {
    const queues = new InMemoryDeadLetterQueue(5);
    queues.failDelete = (id) => id === 'm-1';

    const result = await redriveDlq(queues);

    expect(result).toEqual({ moved: 5, failed: 0, notDeleted: 1 });
    expect(queues.dlq.map((message) => message.id)).toEqual(['m-1']);
  });

  it('stops taking batches when time runs out', async () => {
    const queues = new InMemoryDeadLetterQueue(40);
    let batches = 0;

    const result = await redriveDlq(queues, { hasTime: () => batches++ < 2 });

    expect(result).toEqual({ moved: 20, failed: 0, notDeleted: 0 });
  });

  it('answers zeros for an empty DLQ', async () => {
    expect(await redriveDlq(new InMemoryDeadLetterQueue())).toEqual({ moved: 0, failed: 0, notDeleted: 0 });
  });
});
