import { SSMClient } from '@aws-sdk/client-ssm';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './index.js';

/**
 * `@platform/local-cloud/testing`: a local cloud on a free port plus real SDK v3 clients pointed
 * at it, for any project's tests (conformance, provisioning, handlers).
 */
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
