import { afterAll, beforeAll } from '@jest/globals';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../src/index.js';

/** A local cloud on a free port plus real SDK v3 clients pointed at it. */
export interface TestCloud {
  cloud: LocalCloud;
  ssm: SSMClient;
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Starts a private local cloud for one test file. */
export const startTestCloud = async (options: LocalCloudOptions = {}): Promise<TestCloud> => {
  const cloud = await startLocalCloud({ port: 0, ...options });
  const config = { endpoint: cloud.endpoint, region: cloud.region, credentials, maxAttempts: 1 };
  const ssm = new SSMClient(config);
  const sqs = new SQSClient(config);
  const dynamodb = new DynamoDBClient(config);
  return {
    cloud,
    ssm,
    sqs,
    dynamodb,
    stop: async () => {
      ssm.destroy();
      sqs.destroy();
      dynamodb.destroy();
      await cloud.stop();
    },
  };
};

/**
 * Starts a private local cloud before the file's tests and stops it after them; the returned
 * object reads the running one, so tests use it as they would a {@link TestCloud}.
 *
 * @example
 * const t = useTestCloud({ postgres: false });
 * it('...', async () => { await t.sqs.send(command); });
 */
export const useTestCloud = (options: LocalCloudOptions = {}): Omit<TestCloud, 'stop'> => {
  let started: TestCloud | undefined;
  const current = (): TestCloud => {
    if (!started) throw new Error('the test cloud is not started yet (use it inside a test)');
    return started;
  };
  beforeAll(async () => {
    started = await startTestCloud(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get cloud() {
      return current().cloud;
    },
    get ssm() {
      return current().ssm;
    },
    get sqs() {
      return current().sqs;
    },
    get dynamodb() {
      return current().dynamodb;
    },
  };
};
