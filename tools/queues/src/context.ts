import { setTimeout as delay } from 'node:timers/promises';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { configureAwsClients, sqsClient, type AwsClientOptions } from '@platform/aws';
import type { Command } from './parse-args.js';
import { Sqs } from './sqs-api.js';

/** Where the CLI writes and what it talks to; `main` takes it so tests can capture output. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Default: process.env. Read for the endpoint, region and credentials. */
  env?: Record<string, string | undefined>;
  /** An SQS client to use instead of one built from the environment (tests). */
  sqs?: SQSClient;
  /** Deadline of each SQS call, in ms. Default 10 s. */
  callTimeoutMs?: number;
  /** How often `redrive` asks for the task's progress, in ms. Default 1 s. */
  pollIntervalMs?: number;
}

/** Everything a command needs. */
export interface Context {
  command: Command;
  out(line?: string): void;
  err(line?: string): void;
  sqs: Sqs;
  pollIntervalMs: number;
  sleep(ms: number): Promise<void>;
}

/** The local cloud's endpoint (`npm start`), used on the `local` stage when no endpoint is set. */
export const LOCAL_ENDPOINT = 'http://127.0.0.1:4566';
const DEFAULT_CALL_TIMEOUT_MS = 10_000;
const DEFAULT_POLL_INTERVAL_MS = 1_000;

/**
 * The SQS client of a command: the injected one, else `@platform/aws`'s, configured from `env`
 * (AWS_ENDPOINT_URL_SQS or AWS_ENDPOINT_URL, AWS_REGION, keys when given); on the local stage
 * without an endpoint, the local cloud with any credentials.
 */
const sqsFor = (command: Command, io: CliIo): Sqs => {
  const env = io.env ?? process.env;
  const timeoutMs = io.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const given = env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL;
  if (io.sqs) return new Sqs(io.sqs, given ?? 'the given endpoint', timeoutMs);
  const local = !given && command.stage === 'local';
  const endpoint = given ?? (local ? LOCAL_ENDPOINT : undefined);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (endpoint ? 'us-east-1' : undefined);
  const keys =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  // The local cloud accepts any credentials; AWS gets the SDK's own chain unless keys are given.
  const credentials = keys ?? (local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  const options: AwsClientOptions = {
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(credentials ? { credentials } : {}),
  };
  configureAwsClients(options);
  const where = local
    ? `the local cloud (${LOCAL_ENDPOINT})`
    : (endpoint ?? `AWS ${region ?? '(region from your AWS config)'}`);
  return new Sqs(sqsClient(), where, timeoutMs);
};

/** Builds the context of a parsed command. */
export const createContext = (command: Command, io: CliIo): Context => ({
  command,
  out: (line = '') => io.stdout.write(`${line}\n`),
  err: (line = '') => io.stderr.write(`${line}\n`),
  sqs: sqsFor(command, io),
  pollIntervalMs: io.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
  sleep: async (ms) => {
    await delay(ms);
  },
});
