import { randomUUID } from 'node:crypto';
import type {
  APIGatewayProxyEvent,
  Context,
  ScheduledEvent,
  SQSEvent,
  SQSMessageAttribute,
  SQSRecord,
} from 'aws-lambda';
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

/**
 * Builders of the events and contexts Lambda passes, for tests and benchmarks of handlers built
 * on these adapters: one place, so every test sends what AWS sends. Not for production code.
 */

/** Options of {@link lambdaContext}. */
export interface LambdaContextOptions {
  /** Milliseconds left when the invocation starts; counts down in real time. Default 10 000. */
  remainingMs?: number;
  awsRequestId?: string;
}

/** A Lambda context as the runtime passes it, its remaining time counting down from now. */
export const lambdaContext = (functionName = 'test-service-test-fn', options: LambdaContextOptions = {}): Context => {
  const started = Date.now();
  const remainingMs = options.remainingMs ?? 10_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => remainingMs - (Date.now() - started),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/** Options of {@link httpEvent}. */
export interface HttpEventOptions {
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  /** Sent as JSON unless a string. */
  body?: unknown;
  /** The client address API Gateway saw (`requestContext.identity.sourceIp`). */
  sourceIp?: string;
  /** `requestContext.resourcePath`, e.g. `/financial-risk/{companyId}`. */
  resource?: string;
  stage?: string;
}

/** A REST API (v1) proxy event, as API Gateway and serverless-offline send it. */
export const httpEvent = (method: string, path: string, options: HttpEventOptions = {}): APIGatewayProxyEvent => {
  const body =
    options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return {
    httpMethod: method,
    path,
    resource: options.resource ?? path,
    headers: { ...(body === null ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
    multiValueHeaders: {},
    pathParameters: options.pathParameters ?? null,
    queryStringParameters: options.queryStringParameters ?? null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      stage: options.stage ?? 'test',
      requestId: randomUUID(),
      httpMethod: method,
      resourcePath: options.resource ?? path,
      ...(options.sourceIp ? { identity: { sourceIp: options.sourceIp } } : {}),
    } as APIGatewayProxyEvent['requestContext'],
  };
};

/** An SQS record as Lambda delivers it. */
export const sqsRecord = (body: string, overrides: Partial<SQSRecord> = {}): SQSRecord => ({
  messageId: randomUUID(),
  receiptHandle: 'rh',
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'AIDAEXAMPLE',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
  awsRegion: 'us-east-1',
  ...overrides,
});

/** An SQS event of the given records. */
export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

const toRecordAttribute = (value: MessageAttributeValue): SQSMessageAttribute => ({
  ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
  ...(value.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
  stringListValues: value.StringListValues ?? [],
  binaryListValues: [],
  dataType: (value.DataType ?? 'String') as SQSMessageAttribute['dataType'],
});

/**
 * The event Lambda's SQS event source builds from messages received (with all system and
 * message attributes) from a queue, FIFO attributes included when the messages have them.
 */
export const sqsEventFrom = (messages: readonly Message[], queueArn: string, region = 'us-east-1'): SQSEvent => ({
  Records: messages.map((message) => {
    const { MessageGroupId, MessageDeduplicationId, SequenceNumber } = message.Attributes ?? {};
    return {
      messageId: message.MessageId ?? randomUUID(),
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: message.Attributes?.SenderId ?? 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        ...(MessageGroupId === undefined ? {} : { MessageGroupId }),
        ...(MessageDeduplicationId === undefined ? {} : { MessageDeduplicationId }),
        ...(SequenceNumber === undefined ? {} : { SequenceNumber }),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toRecordAttribute(value)]),
      ),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    };
  }),
});

/** An EventBridge scheduled event. */
export const scheduledEvent = (time = new Date().toISOString()): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time,
  region: 'us-east-1',
  resources: [],
  detail: {},
});
