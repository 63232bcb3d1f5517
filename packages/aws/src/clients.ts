import { SSMClient } from '@aws-sdk/client-ssm';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TIMEOUTS, clientConfig } from './client-config.js';
import { boundByDeadline } from './deadline-bound.js';
import type { AwsClientOptions } from './types.js';

interface Clients {
  ssm?: SSMClient;
  sqs?: SQSClient;
  dynamodb?: DynamoDBClient;
  document?: DynamoDBDocumentClient;
}

let clients: Clients = {};
let overrides: AwsClientOptions = {};

/**
 * The container's SSM client, created on first use and reused by every invocation. Like every
 * client here, each call ends at the invocation's deadline (see `boundByDeadline`).
 *
 * @example
 * const { Parameter } = await ssmClient().send(new GetParameterCommand({ Name: '/platform/dev/x' }));
 */
export const ssmClient = (): SSMClient =>
  (clients.ssm ??= boundByDeadline(new SSMClient(clientConfig(TIMEOUTS.ssm, overrides)), 'SSM'));

/** The container's SQS client (request timeout long enough for 20 s long polls). */
export const sqsClient = (): SQSClient =>
  (clients.sqs ??= boundByDeadline(new SQSClient(clientConfig(TIMEOUTS.sqs, overrides)), 'SQS'));

/** The container's low-level DynamoDB client. */
export const dynamoDbClient = (): DynamoDBClient =>
  (clients.dynamodb ??= boundByDeadline(new DynamoDBClient(clientConfig(TIMEOUTS.dynamodb, overrides)), 'DynamoDB'));

/**
 * The container's DynamoDB document client: plain JS values in and out, `undefined` attributes
 * dropped.
 */
export const documentClient = (): DynamoDBDocumentClient =>
  (clients.document ??= boundByDeadline(
    DynamoDBDocumentClient.from(dynamoDbClient(), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
    }),
    'DynamoDB',
  ));

/** Destroys the clients (closing their sockets); the next call creates new ones. For tests. */
export const resetAwsClients = (): void => {
  clients.document?.destroy();
  clients.dynamodb?.destroy();
  clients.ssm?.destroy();
  clients.sqs?.destroy();
  clients = {};
};

/**
 * Sets overrides for clients created from now on and resets the current ones. Production code
 * needs none of this: the standard environment (`AWS_REGION`, `AWS_ENDPOINT_URL`) is enough.
 */
export const configureAwsClients = (options: AwsClientOptions): void => {
  overrides = { ...options };
  resetAwsClients();
};
