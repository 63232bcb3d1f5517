import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ListMessageMoveTasksCommand } from '@aws-sdk/client-sqs';
import { startHarness, type Harness, type TestQueue } from './helpers/harness.js';

const STAGE = 'rd';

describe('Command: dlq redrive', () => {
  let harness: Harness;
  let n = 0;
  /** A fresh source queue and its DLQ, named as the platform names them. */
  const pair = async () => {
    n += 1;
    const dlq = await harness.queue(`fetch-service-${STAGE}-q${n}-dlq`);
    const source = await harness.queue(`fetch-service-${STAGE}-q${n}`, dlq);
    return { dlq, source };
  };
  const tasks = async (dlq: TestQueue) =>
    (await harness.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn, MaxResults: 10 }))).Results ?? [];

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('moves 25 parked messages back to their source queue, waits for the end and exits 0', async () => {
    // Prepare
    const { dlq, source } = await pair();
    const bodies = await harness.park(source, dlq, 25);
    const parkedIds = await harness.peekIds(dlq, 25);
    expect(parkedIds.size).toBe(25);

    // Act
    const result = await harness.run(['redrive', dlq.name, '--stage', STAGE]);

    // Assess
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `started a redrive of ${dlq.name} (25 messages) to their source queues (${source.name}), at the rate SQS chooses`,
    );
    expect(result.stdout).toMatch(/COMPLETED 25\/25 moved/);
    expect(result.stdout).toContain('done: 25 messages moved to their source queues');
    expect(await harness.depth(dlq)).toBe(0);
    const back = await harness.drain(source);
    expect(back.map((message) => message.Body).sort()).toEqual([...bodies].sort());
    // New messages: new ids, received for the first time.
    expect(back.filter((message) => parkedIds.has(message.MessageId ?? ''))).toEqual([]);
    expect(back.every((message) => message.Attributes?.ApproximateReceiveCount === '1')).toBe(true);
  });

  it('accepts the DLQ by URL and by ARN', async () => {
    const { dlq, source } = await pair();
    await harness.park(source, dlq, 2);
    expect((await harness.run(['redrive', dlq.url, '--stage', STAGE])).code).toBe(0);
    await harness.park(source, dlq, 1);
    expect((await harness.run(['redrive', dlq.arn, '--stage', STAGE])).code).toBe(0);
    expect(await harness.depth(dlq)).toBe(0);
  });

  it('moves to the queue --to names instead of the source', async () => {
    // Prepare
    const { dlq, source } = await pair();
    const elsewhere = await harness.queue(`fetch-service-${STAGE}-elsewhere`);
    await harness.park(source, dlq, 7);

    // Act
    const result = await harness.run(['redrive', dlq.name, '--stage', STAGE, '--to', elsewhere.name]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`to ${elsewhere.name}, at the rate SQS chooses`);
    expect(result.stdout).toContain(`done: 7 messages moved to ${elsewhere.name}`);
    expect(await harness.depth(elsewhere)).toBe(7);
    expect(await harness.depth(source)).toBe(0);
    expect((await tasks(dlq))[0]).toMatchObject({ Status: 'COMPLETED', DestinationArn: elsewhere.arn });
  });

  it('keeps to --rate messages per second and prints the progress on the way', async () => {
    // Prepare
    const { dlq, source } = await pair();
    await harness.park(source, dlq, 12);
    const started = Date.now();

    // Act
    const result = await harness.run(['redrive', dlq.name, '--stage', STAGE, '--rate', '10']);

    // Assess: 12 messages at 10/s take more than a second, reported as they go.
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.stdout).toContain('at most 10/s');
    const progress = result.stdout.match(/^(RUNNING|COMPLETED) \d+\/12 moved$/gm) ?? [];
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe('COMPLETED 12/12 moved');
    expect((await tasks(dlq))[0]).toMatchObject({ Status: 'COMPLETED', MaxNumberOfMessagesPerSecond: 10 });
  });

  it('with --no-wait prints the task handle and returns while the task runs', async () => {
    // Prepare
    const { dlq, source } = await pair();
    await harness.park(source, dlq, 20);

    // Act
    const result = await harness.run(['redrive', dlq.name, '--stage', STAGE, '--rate', '1', '--no-wait']);

    // Assess
    expect(result.code).toBe(0);
    const handle = /task handle: (\S+)/.exec(result.stdout)?.[1];
    const [task] = await tasks(dlq);
    expect(task).toMatchObject({ Status: 'RUNNING', TaskHandle: handle });
    expect(result.stdout).toContain(`dlq cancel ${dlq.name} --stage ${STAGE}`);
  });

  it('exits 1 when someone cancels the task it waits for', async () => {
    // Prepare
    const { dlq, source } = await pair();
    await harness.park(source, dlq, 20);

    // Act
    const waiting = harness.run(['redrive', dlq.name, '--stage', STAGE, '--rate', '2']);
    for (let i = 0; i < 100 && (await tasks(dlq))[0]?.Status !== 'RUNNING'; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    const cancelled = await harness.run(['cancel', dlq.name, '--stage', STAGE]);
    const result = await waiting;

    // Assess
    expect(cancelled.code).toBe(0);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cancelled after \d+ messages were moved; the rest wait in/);
    expect(await harness.depth(dlq)).toBeGreaterThan(0);
  });
});
