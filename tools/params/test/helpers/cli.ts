import { Readable } from 'node:stream';
import { GetParameterCommand, PutParameterCommand, SSMClient, type ParameterType } from '@aws-sdk/client-ssm';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { main } from '../../src/index.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A local cloud, an SSM client on it, and a way to run the CLI in-process against it. */
export interface CliHarness {
  cloud: LocalCloud;
  ssm: SSMClient;
  run(argv: readonly string[], options?: { stdin?: string }): Promise<CliRun>;
  put(name: string, value: string, type?: ParameterType): Promise<void>;
  /** The stored parameter (decrypted), or undefined. */
  read(name: string): Promise<{ value: string; type: string; version: number } | undefined>;
  stop(): Promise<void>;
}

const capture = () => {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
};

/** Starts a local cloud on a free port for a test file. */
export const startHarness = async (): Promise<CliHarness> => {
  const cloud = await startLocalCloud({ port: 0 });
  const ssm = new SSMClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // The CLI's own retries are under test: no SDK retries on top.
    maxAttempts: 1,
  });
  return {
    cloud,
    ssm,
    run: async (argv, options = {}) => {
      const stdout = capture();
      const stderr = capture();
      const code = await main(argv, {
        stdout: stdout.stream,
        stderr: stderr.stream,
        stdin: Readable.from([options.stdin ?? '']),
        ssm,
        env: { AWS_ENDPOINT_URL: cloud.endpoint },
        retry: { baseDelayMs: 1, maxDelayMs: 10 },
      });
      return { code, stdout: stdout.text(), stderr: stderr.text() };
    },
    put: async (name, value, type = 'String') => {
      await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));
    },
    read: async (name) => {
      try {
        const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
        return { value: Parameter?.Value ?? '', type: Parameter?.Type ?? '', version: Parameter?.Version ?? 0 };
      } catch (error) {
        if (error instanceof Error && error.name === 'ParameterNotFound') return undefined;
        throw error;
      }
    },
    stop: async () => {
      ssm.destroy();
      await cloud.stop();
    },
  };
};

/** Seeds a stage with fetch-service's settings as `npm start` would: the published ones and params/local.yml's. */
export const seedFetchService = async (harness: CliHarness, stage: string): Promise<void> => {
  const base = `/platform/${stage}`;
  const values: Record<string, string> = {
    'shared/queues/fetchRequests/url': 'http://127.0.0.1:4566/000000000000/fetch-requests',
    'shared/queues/fetchRequestsDlq/url': 'http://127.0.0.1:4566/000000000000/fetch-requests-dlq',
    'shared/queues/riskUpdates/url': 'http://127.0.0.1:4566/000000000000/risk-updates',
    'fetch-service/legacy/baseUrl': 'http://127.0.0.1:3002',
    'fetch-service/legacy/timeoutMs': '2000',
    'fetch-service/legacy/minLatencyMs': '200',
    'fetch-service/legacy/maxLatencyMs': '700',
    'fetch-service/legacy/failureRate': '0.1',
  };
  for (const [path, value] of Object.entries(values)) await harness.put(`${base}/${path}`, value);
};
