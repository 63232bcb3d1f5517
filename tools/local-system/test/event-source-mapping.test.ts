import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { freePort } from '@platform/local-cloud';
import { startEventSourceMapping, type EventSourceMapping } from '../src/event-source-mapping/event-source-mapping.js';
import type { EventSourceMappingOptions } from '../src/event-source-mapping/event-source-mapping-options.js';
import type { SqsEvent } from '../src/event-source-mapping/sqs-event.js';
import type { EventSourceMappingLogger } from '../src/event-source-mapping/types.js';
import { startTestCloud, type TestCloud } from './helpers/clients.js';
import { startServerlessOffline, type ServerlessOffline } from './helpers/serverless-offline.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/event-source-mapping-service', import.meta.url));
const FUNCTION_PREFIX = 'esm-fixture-test-';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

type FixtureFunction = 'record' | 'throws' | 'malformed' | 'slow';

/** One line the fixture's handlers append per invocation. */
interface Invocation {
  fn: FixtureFunction;
  event: SqsEvent;
  start: number;
  end: number;
}

interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  details: Record<string, unknown>;
}

const collectingLogger = (lines: LogLine[]): EventSourceMappingLogger => ({
  info: (details, message) => lines.push({ level: 'info', message, details }),
  warn: (details, message) => lines.push({ level: 'warn', message, details }),
  error: (details, message) => lines.push({ level: 'error', message, details }),
});

const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
};

describe('startEventSourceMapping', () => {
  let t: TestCloud;
  let offline: ServerlessOffline;
  let workDir: string;
  let recordFile: string;
  let queueCount = 0;
  const mappings: EventSourceMapping[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'esm-test-'));
    recordFile = join(workDir, 'invocations.jsonl');
    [t, offline] = await Promise.all([
      startTestCloud(),
      startServerlessOffline(FIXTURE, { ESM_RECORD_FILE: recordFile }),
    ]);
  });
  afterEach(async () => {
    await Promise.all(mappings.splice(0).map((mapping) => mapping.stop()));
  });
  afterAll(async () => {
    await offline?.stop();
    await t?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  const createQueue = async (attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> => {
    queueCount += 1;
    const name = `esm-${queueCount}-${Date.now()}`;
    const { QueueUrl: url = '' } = await t.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    const { Attributes } = await t.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    return { url, arn: Attributes?.QueueArn ?? '' };
  };

  const sendBodies = async (queueUrl: string, bodies: string[]): Promise<void> => {
    const entries = bodies.map((body, index) => ({ Id: String(index), MessageBody: body }));
    const result = await t.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    expect(result.Failed ?? []).toEqual([]);
  };

  const countMessages = async (queueUrl: string): Promise<number> => {
    const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const;
    const { Attributes } = await t.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...names] }),
    );
    return names.reduce((sum, name) => sum + Number(Attributes?.[name] ?? 0), 0);
  };

  const map = (
    fn: FixtureFunction,
    queueUrl: string,
    options: Partial<EventSourceMappingOptions> = {},
  ): EventSourceMapping => {
    const mapping = startEventSourceMapping({
      functionName: `${FUNCTION_PREFIX}${fn}`,
      invokeEndpoint: offline.lambdaEndpoint,
      queueUrl,
      sqsEndpoint: t.cloud.endpoint,
      logger: collectingLogger([]),
      ...options,
    });
    mappings.push(mapping);
    return mapping;
  };

  /** The fixture's invocations of `fn` with records from the queue `queueArn`. */
  const invocations = (fn: FixtureFunction, queueArn: string): Invocation[] =>
    existsSync(recordFile)
      ? readFileSync(recordFile, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as Invocation)
          .filter((line) => line.fn === fn && line.event.Records[0]?.eventSourceARN === queueArn)
      : [];

  /** `body → receive counts`, across every delivery of `fn` from `queueArn`. */
  const deliveries = (fn: FixtureFunction, queueArn: string): Map<string, string[]> => {
    const byBody = new Map<string, string[]>();
    for (const record of invocations(fn, queueArn).flatMap((invocation) => invocation.event.Records)) {
      byBody.set(record.body, [...(byBody.get(record.body) ?? []), record.attributes.ApproximateReceiveCount]);
    }
    return byBody;
  };

  it('deletes the records that succeed and redrives the reported failures to the dead-letter queue', async () => {
    // Prepare
    const dlq = await createQueue();
    const queue = await createQueue({
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
    });
    await sendBodies(queue.url, ['ok-1', 'ok-2', 'ok-3', 'ok-4', 'fail-1', 'fail-2']);

    // Act
    const mapping = map('record', queue.url, { reportBatchItemFailures: true });
    await waitFor(async () => (await countMessages(dlq.url)) === 2 && (await countMessages(queue.url)) === 0);

    // Assess
    const delivered = deliveries('record', queue.arn);
    for (const body of ['ok-1', 'ok-2', 'ok-3', 'ok-4']) expect(delivered.get(body)).toEqual(['1']);
    for (const body of ['fail-1', 'fail-2']) expect(delivered.get(body)).toEqual(['1', '2']);
    const dead = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10 }));
    expect((dead.Messages ?? []).map((message) => message.Body).sort()).toEqual(['fail-1', 'fail-2']);
    expect(mapping.stats).toMatchObject({
      succeeded: 4,
      deleted: 4,
      failed: 4,
      failedInvocations: 0,
      deleteFailures: 0,
    });
  });

  it('deletes every record of a successful batch when batch item failures are not reported', async () => {
    // Prepare
    const queue = await createQueue({ VisibilityTimeout: '1' });
    await sendBodies(queue.url, ['fail-but-unreported', 'ok']);

    // Act
    const mapping = map('record', queue.url);
    await waitFor(() => mapping.stats.deleted === 2);

    // Assess
    expect(await countMessages(queue.url)).toBe(0);
    expect(mapping.stats).toMatchObject({
      succeeded: 2,
      failed: 0,
      invocations: invocations('record', queue.arn).length,
    });
  });

  it('deletes nothing and redelivers the whole batch when the function throws', async () => {
    // Prepare
    const queue = await createQueue({ VisibilityTimeout: '1' });
    await sendBodies(queue.url, ['a', 'b', 'c']);
    const logs: LogLine[] = [];

    // Act
    const mapping = map('throws', queue.url, { logger: collectingLogger(logs) });
    await waitFor(() => ['a', 'b', 'c'].every((body) => (deliveries('throws', queue.arn).get(body)?.length ?? 0) >= 2));
    await mapping.stop();

    // Assess
    for (const counts of deliveries('throws', queue.arn).values()) expect(counts.slice(0, 2)).toEqual(['1', '2']);
    expect(await countMessages(queue.url)).toBe(3);
    expect(mapping.stats).toMatchObject({ deleted: 0, succeeded: 0 });
    expect(mapping.stats.failedInvocations).toBeGreaterThanOrEqual(2);
    const failure = logs.find((line) => line.message.startsWith('invocation failed'));
    expect(failure?.details.reason).toContain('the consumer failed');
  });

  it('fails the whole batch when batchItemFailures names a message outside it', async () => {
    // Prepare
    const queue = await createQueue({ VisibilityTimeout: '1' });
    await sendBodies(queue.url, ['x', 'y']);
    const logs: LogLine[] = [];

    // Act
    const mapping = map('malformed', queue.url, { reportBatchItemFailures: true, logger: collectingLogger(logs) });
    await waitFor(() => ['x', 'y'].every((body) => (deliveries('malformed', queue.arn).get(body)?.length ?? 0) >= 2));
    await mapping.stop();

    // Assess
    for (const counts of deliveries('malformed', queue.arn).values()) expect(counts.slice(0, 2)).toEqual(['1', '2']);
    expect(mapping.stats.deleted).toBe(0);
    expect(await countMessages(queue.url)).toBe(2);
    const warning = logs.find((line) => line.message.startsWith('malformed batchItemFailures'));
    expect(warning?.details.reason).toContain('not-a-message-of-this-batch');
  });

  it('never runs more invocations at once than maximumConcurrency', async () => {
    // Prepare
    const queue = await createQueue({ VisibilityTimeout: '30' });
    const bodies = Array.from({ length: 8 }, (_, index) => `sleep:300 #${index}`);
    await sendBodies(queue.url, bodies);

    // Act
    const mapping = map('slow', queue.url, { batchSize: 1, maximumConcurrency: 2 });
    await waitFor(() => mapping.stats.deleted === 8);

    // Assess
    const runs = invocations('slow', queue.arn);
    expect(runs.map((run) => run.event.Records[0]?.body).sort()).toEqual([...bodies].sort());
    const edges = runs.flatMap((run) => [
      { at: run.start, step: 1 },
      { at: run.end, step: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.step - b.step);
    let running = 0;
    let peak = 0;
    for (const edge of edges) {
      running += edge.step;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
  });

  it('gathers up to batchSize records within the batching window into one invocation', async () => {
    // Prepare
    const queue = await createQueue();
    const bodies = Array.from({ length: 15 }, (_, index) => `windowed-${index}`);
    await sendBodies(queue.url, bodies.slice(0, 10));
    await sendBodies(queue.url, bodies.slice(10));

    // Act
    const mapping = map('record', queue.url, {
      batchSize: 20,
      maximumBatchingWindowInSeconds: 1,
      maximumConcurrency: 1,
    });
    await waitFor(() => mapping.stats.deleted === 15);

    // Assess
    const runs = invocations('record', queue.arn);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.event.Records.map((record) => record.body).sort()).toEqual([...bodies].sort());
  });

  it('waits for the running invocation, and its deletions, when stopped', async () => {
    // Prepare
    const queue = await createQueue();
    await sendBodies(queue.url, ['sleep:700']);
    const mapping = map('slow', queue.url);
    await waitFor(() => mapping.stats.inFlight === 1);

    // Act
    await mapping.stop();

    // Assess
    expect(mapping.stats).toMatchObject({ inFlight: 0, invocations: 1, deleted: 1 });
    expect(invocations('slow', queue.arn)).toHaveLength(1);
    expect(await countMessages(queue.url)).toBe(0);
  });

  it('builds the event exactly as AWS Lambda does', async () => {
    // Prepare
    const queue = await createQueue();
    const withAttributes = await t.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"hello":"wörld"}',
        MessageAttributes: {
          text: { DataType: 'String', StringValue: 'hello' },
          count: { DataType: 'Number', StringValue: '42' },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2, 255]) },
          custom: { DataType: 'String.custom', StringValue: 'x' },
        },
      }),
    );
    const plain = await t.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'plain' }));

    // Act
    const mapping = map('record', queue.url, { sqs: t.sqs, sqsEndpoint: undefined });
    await waitFor(() => mapping.stats.deleted === 2);

    // Assess
    const events = invocations('record', queue.arn).map((invocation) => invocation.event);
    for (const event of events) expect(Object.keys(event)).toEqual(['Records']);
    const records = events.flatMap((event) => event.Records);
    const rich = records.find((record) => record.messageId === withAttributes.MessageId);
    const bare = records.find((record) => record.messageId === plain.MessageId);
    const common = [
      'messageId',
      'receiptHandle',
      'body',
      'attributes',
      'messageAttributes',
      'md5OfBody',
      'eventSource',
      'eventSourceARN',
      'awsRegion',
    ];
    expect(Object.keys(rich ?? {}).sort()).toEqual([...common, 'md5OfMessageAttributes'].sort());
    expect(Object.keys(bare ?? {}).sort()).toEqual([...common].sort());
    expect(rich).toMatchObject({
      body: '{"hello":"wörld"}',
      md5OfBody: createHash('md5').update('{"hello":"wörld"}', 'utf8').digest('hex'),
      md5OfMessageAttributes: withAttributes.MD5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
    });
    expect(rich?.md5OfBody).toBe(withAttributes.MD5OfMessageBody);
    expect(rich?.receiptHandle).toMatch(/.+/);
    expect(Object.keys(rich?.attributes ?? {}).sort()).toEqual(
      ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp'].sort(),
    );
    expect(rich?.attributes.ApproximateReceiveCount).toBe('1');
    expect(rich?.attributes.SentTimestamp).toMatch(/^\d{13}$/);
    expect(Number(rich?.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(rich?.attributes.SentTimestamp),
    );
    expect(rich?.messageAttributes).toEqual({
      text: { stringValue: 'hello', stringListValues: [], binaryListValues: [], dataType: 'String' },
      count: { stringValue: '42', stringListValues: [], binaryListValues: [], dataType: 'Number' },
      blob: {
        binaryValue: Buffer.from([0, 1, 2, 255]).toString('base64'),
        stringListValues: [],
        binaryListValues: [],
        dataType: 'Binary',
      },
      custom: { stringValue: 'x', stringListValues: [], binaryListValues: [], dataType: 'String.custom' },
    });
    expect(bare?.messageAttributes).toEqual({});
  });

  it('fails a batch the function does not answer within its timeout', async () => {
    // Prepare
    const queue = await createQueue({ VisibilityTimeout: '30' });
    await sendBodies(queue.url, ['sleep:2000']);
    const logs: LogLine[] = [];

    // Act
    const mapping = map('slow', queue.url, { functionTimeoutSeconds: 1, logger: collectingLogger(logs) });
    await waitFor(() => mapping.stats.failedInvocations === 1);

    // Assess
    expect(mapping.stats.deleted).toBe(0);
    expect(await countMessages(queue.url)).toBe(1);
    expect(logs.find((line) => line.message.startsWith('invocation failed'))?.details.reason).toBe(
      'no response within 1 s',
    );
    expect(logs.some((line) => line.message.includes('visibility timeout is shorter'))).toBe(false);
  });

  it('backs off while the queue is missing, logging once per pause, and starts once it exists', async () => {
    // Prepare
    const name = `esm-late-${Date.now()}`;
    const logs: LogLine[] = [];
    const mapping = map('record', `${t.cloud.endpoint}/000000000000/${name}`, { logger: collectingLogger(logs) });
    await sleep(500);

    // Act
    const { QueueUrl: url = '' } = await t.sqs.send(new CreateQueueCommand({ QueueName: name }));
    await sendBodies(url, ['late']);
    await waitFor(() => mapping.stats.deleted === 1);

    // Assess
    const warnings = logs.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe('SQS request failed; backing off');
    expect(warnings[0]?.details.error).toMatch(/NonExistentQueue|QueueDoesNotExist/);
    expect(logs.map((line) => line.message)).toContain('SQS reachable again; polling resumed');
  });

  it('survives an SQS endpoint that is down and stops promptly', async () => {
    // Prepare
    const deadEndpoint = `http://127.0.0.1:${await freePort()}`;
    const logs: LogLine[] = [];
    const mapping = map('record', `${deadEndpoint}/000000000000/nowhere`, {
      sqsEndpoint: deadEndpoint,
      logger: collectingLogger(logs),
    });
    await waitFor(() => mapping.stats.pollErrors >= 1);

    // Act
    const started = Date.now();
    await mapping.stop();

    // Assess
    expect(Date.now() - started).toBeLessThan(500);
    expect(logs.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect(logs.some((line) => line.level === 'error')).toBe(false);
  });

  it('stops promptly, with no request left in flight and none sent after', async () => {
    // Prepare
    const queue = await createQueue();
    const sqs = new SQSClient({ endpoint: t.cloud.endpoint, region: t.cloud.region, credentials, maxAttempts: 1 });
    const requests: Array<{ command: string; settled: boolean; at: number }> = [];
    sqs.middlewareStack.add(
      (next, context) => async (args) => {
        const request = { command: context.commandName ?? '', settled: false, at: Date.now() };
        requests.push(request);
        try {
          return await next(args);
        } finally {
          request.settled = true;
        }
      },
      { step: 'initialize' },
    );
    const mapping = map('record', queue.url, { sqs, maximumConcurrency: 3 });
    await waitFor(() => requests.filter((request) => request.command === 'ReceiveMessageCommand').length === 3);

    // Act
    const started = Date.now();
    await mapping.stop();
    const stoppedAt = Date.now();
    await sleep(100); // lets the endpoint see the aborted long polls' connections close
    await sendBodies(queue.url, ['after-stop']);
    await sleep(300);

    // Assess
    expect(stoppedAt - started).toBeLessThan(500);
    expect(requests.every((request) => request.settled)).toBe(true);
    expect(requests.filter((request) => request.at >= started)).toEqual([]);
    const { Attributes } = await t.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('1');
    expect(mapping.stats.received).toBe(0);
    sqs.destroy();
  });
});
