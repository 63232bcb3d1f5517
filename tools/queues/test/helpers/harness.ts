import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { main, type CliIo } from '../../src/index.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A queue made for a test. */
export interface TestQueue {
  name: string;
  url: string;
  arn: string;
}

/** A local cloud, an SQS client on it, and a way to run the CLI in-process against it. */
export interface Harness {
  cloud: LocalCloud;
  sqs: SQSClient;
  /** Runs the CLI configured from the environment, as `npm run dlq` does; `io` overrides. */
  run(argv: readonly string[], io?: Partial<CliIo>): Promise<CliRun>;
  /** Creates a queue; with `dlq`, one whose messages go to it after `maxReceiveCount` receives. */
  queue(name: string, dlq?: TestQueue, maxReceiveCount?: number): Promise<TestQueue>;
  /** Sends `count` messages to `source` and lets them fail into its DLQ; returns the bodies. */
  park(source: TestQueue, dlq: TestQueue, count: number): Promise<string[]>;
  /** Visible + in-flight messages. */
  depth(queue: TestQueue): Promise<number>;
  /** Receives every visible message of a queue (hidden for a minute). */
  drain(queue: TestQueue): Promise<Message[]>;
  /** The ids of a queue's `count` messages, received and left visible at once. */
  peekIds(queue: TestQueue, count: number): Promise<Set<string>>;
  /** A separate SQS client (each in-process caller of a race needs its own). */
  client(): SQSClient;
  stop(): Promise<void>;
}

const capture = () => {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
};

/** Starts a local cloud on a free port for a test file. */
export const startHarness = async (): Promise<Harness> => {
  const cloud = await startLocalCloud({ port: 0 });
  const clients: SQSClient[] = [];
  const client = () => {
    const made = new SQSClient({
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    clients.push(made);
    return made;
  };
  const sqs = client();
  const depth = async (queue: TestQueue) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue.url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
  };
  return {
    cloud,
    sqs,
    client,
    depth,
    run: async (argv, io = {}) => {
      const stdout = capture();
      const stderr = capture();
      const code = await main(argv, {
        stdout: stdout.stream,
        stderr: stderr.stream,
        env: {
          AWS_ENDPOINT_URL: cloud.endpoint,
          AWS_REGION: cloud.region,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
        },
        pollIntervalMs: 50,
        ...io,
      });
      return { code, stdout: stdout.text(), stderr: stderr.text() };
    },
    queue: async (name, dlq, maxReceiveCount = 1) => {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          ...(dlq
            ? { Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }) } }
            : {}),
        }),
      );
      const url = String(QueueUrl);
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      return { name, url, arn: String(Attributes?.QueueArn) };
    },
    park: async (source, dlq, count) => {
      const bodies = Array.from({ length: count }, (_, i) => JSON.stringify({ companyId: `parked-${i}` }));
      for (let i = 0; i < count; i += 10) {
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: source.url,
            Entries: bodies.slice(i, i + 10).map((body, j) => ({ Id: `m${i + j}`, MessageBody: body })),
          }),
        );
      }
      const target = (await depth(dlq)) + count;
      // Received and not deleted (visible again at once), each message goes to the DLQ on the
      // receive after its last allowed one, as a failing consumer's would.
      for (let attempt = 0; attempt < 200 && (await depth(dlq)) < target; attempt += 1) {
        await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: source.url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
        );
      }
      if ((await depth(dlq)) < target)
        throw new Error(`only ${await depth(dlq)} of ${target} messages reached the DLQ`);
      return bodies;
    },
    peekIds: async (queue, count) => {
      const ids = new Set<string>();
      for (let attempt = 0; attempt < 100 && ids.size < count; attempt += 1) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
        );
        for (const message of Messages) ids.add(String(message.MessageId));
      }
      return ids;
    },
    drain: async (queue) => {
      const all: Message[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queue.url,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 60,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) return all;
        all.push(...Messages);
      }
    },
    stop: async () => {
      for (const made of clients) made.destroy();
      await cloud.stop();
    },
  };
};
