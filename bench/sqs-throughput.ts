/**
 * SQS throughput of the local cloud with the real SDK v3 client over loopback.
 *
 * Steps: start a local cloud on a free port, in a child process as `npm start` would run it (or in
 * this process with `--in-process`, where client and server share one core); create a queue;
 * run producers (SendMessageBatch of 10) and consumers (ReceiveMessage of up to 10, then
 * DeleteMessageBatch) concurrently until every message is consumed; print messages/s and
 * p50/p99 latency per call type. Asserts nothing and exits by itself.
 *
 * Usage: `npm run bench [-- <messages> <producers> <consumers>] [--in-process]` (defaults 50000 4 4).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startLocalCloud } from '../tools/local-cloud/src/index.js';

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [messageArg, producerArg, consumerArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const MESSAGES = Number(messageArg ?? 50_000);
const PRODUCERS = Number(producerArg ?? 4);
const CONSUMERS = Number(consumerArg ?? 4);
const BATCH = 10;
/** A run that takes longer than this is reported as it stands instead of hanging. */
const DEADLINE_MS = 5 * 60_000;

type CallType = 'send-batch' | 'receive' | 'delete-batch';
const latencies: Record<CallType, number[]> = { 'send-batch': [], receive: [], 'delete-batch': [] };

const timed = async <T>(type: CallType, call: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await call();
  } finally {
    latencies[type].push(performance.now() - started);
  }
};

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);

/** Where the cloud under test listens, and how to stop it. */
interface CloudHandle {
  endpoint: string;
  region: string;
  stop(): Promise<void>;
}

/** Child-process side: serve a local cloud until the parent says stop. */
const serve = async (): Promise<void> => {
  const cloud = await startLocalCloud({ port: 0 });
  process.once('message', () => {
    void cloud.stop().then(() => process.disconnect());
  });
  process.send?.({ endpoint: cloud.endpoint, region: cloud.region });
};

const startCloud = async (): Promise<CloudHandle> => {
  if (flags.includes('--in-process')) return startLocalCloud({ port: 0 });
  const child = fork(new URL(import.meta.url), ['--serve'], { execArgv: process.execArgv });
  const [ready] = (await once(child, 'message')) as [{ endpoint: string; region: string }];
  return {
    ...ready,
    stop: async () => {
      child.send('stop');
      await once(child, 'exit');
    },
  };
};

if (flags.includes('--serve')) {
  await serve();
} else {
  await runBench(await startCloud());
}

async function runBench(cloud: CloudHandle): Promise<void> {
  const sqs = new SQSClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });

  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${Date.now()}` }));
    let nextToSend = 0;
    let consumed = 0;
    const deadline = Date.now() + DEADLINE_MS;
    const running = (): boolean => consumed < MESSAGES && Date.now() < deadline;

    const produce = async (): Promise<void> => {
      while (nextToSend < MESSAGES && Date.now() < deadline) {
        const first = nextToSend;
        nextToSend = Math.min(MESSAGES, first + BATCH);
        const Entries = Array.from({ length: nextToSend - first }, (_, i) => ({
          Id: String(i),
          MessageBody: JSON.stringify({ n: first + i, payload: 'x'.repeat(100) }),
        }));
        await timed('send-batch', () => sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries })));
      }
    };

    const consume = async (): Promise<void> => {
      while (running()) {
        const { Messages = [] } = await timed('receive', () =>
          sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: BATCH, WaitTimeSeconds: 1 })),
        );
        if (Messages.length === 0) continue;
        consumed += Messages.length;
        const Entries = Messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle }));
        await timed('delete-batch', () => sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries })));
      }
    };

    const started = performance.now();
    await Promise.all([...Array.from({ length: PRODUCERS }, produce), ...Array.from({ length: CONSUMERS }, consume)]);
    const seconds = (performance.now() - started) / 1000;

    const where = flags.includes('--in-process') ? 'cloud in this process' : 'cloud in a child process';
    console.log(
      `SQS throughput: ${MESSAGES} messages, ${PRODUCERS} producers, ${CONSUMERS} consumers, batches of ${BATCH}, ${where}`,
    );
    console.log(`consumed ${consumed} in ${seconds.toFixed(2)} s → ${Math.round(consumed / seconds)} messages/s`);
    for (const [type, samples] of Object.entries(latencies)) {
      const sorted = samples.sort((a, b) => a - b);
      console.log(
        `${type.padEnd(12)} calls ${String(sorted.length).padStart(6)}  p50 ${percentile(sorted, 50).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms`,
      );
    }
  } finally {
    sqs.destroy();
    await cloud.stop();
  }
}
