import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyResult, Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { legacyStatusOf } from '../../src/core/answer-legacy-risk.js';
import type { RiskUpdate } from '../../src/core/company.js';
import { sendJson, startHttpServer, type TestServer } from '@platform/local-cloud';
import { lambdaContext, sqsEventFrom } from '../fixtures/lambda.js';
import { createQueue, drain, putSettings, startLocalStack, type LocalStack } from '../fixtures/local-stack.js';

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
type HttpHandler = (event: object, context: Context) => Promise<APIGatewayProxyResult>;

const STAGE = 'itest';
const TIMEOUT_MS = 400;

describe('fetchCompany handler, end to end on the local cloud', () => {
  let stack: LocalStack;
  let legacyServer: TestServer;
  let fetchCompany: SqsHandler;
  let legacySource: HttpHandler;
  let fetchRequests: { url: string; arn: string };
  let riskUpdates: { url: string; arn: string };

  /** Sends fetch requests as risk-service's SqsFetchRequester does, receives them, builds the Lambda event. */
  const eventFor = async (bodies: readonly string[], correlationId: string): Promise<SQSEvent> => {
    await stack.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: fetchRequests.url,
        Entries: bodies.map((body, index) => ({
          Id: String(index),
          MessageBody: body,
          MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } },
        })),
      }),
    );
    return sqsEventFrom(await drain(stack.sqs, fetchRequests.url), fetchRequests.arn, stack.cloud.region);
  };
  const request = (companyId: string) => JSON.stringify({ companyId, requestedAt: new Date().toISOString() });
  const messageIdOf = (event: SQSEvent, companyId: string) =>
    event.Records.find((record) => record.body.includes(`"${companyId}"`))?.messageId;

  beforeAll(async () => {
    stack = await startLocalStack(STAGE);
    const dlq = await createQueue(stack.sqs, `fetch-service-${STAGE}-fetch-requests-dlq`);
    fetchRequests = await createQueue(stack.sqs, `fetch-service-${STAGE}-fetch-requests`, dlq.arn);
    riskUpdates = await createQueue(stack.sqs, `risk-service-${STAGE}-risk-updates`);

    // The legacy source is the real legacySource handler behind HTTP, except ids that hang.
    legacyServer = await startHttpServer(async (req, res) => {
      const companyId = decodeURIComponent(req.url?.split('/').pop() ?? '');
      if (companyId.startsWith('hang-')) return;
      const answer = await legacySource(
        { httpMethod: 'GET', path: req.url, pathParameters: { companyId }, headers: req.headers },
        lambdaContext(`fetch-service-${STAGE}-legacySource`),
      );
      sendJson(res, answer.statusCode, JSON.parse(answer.body));
    });

    await putSettings(stack.ssm, STAGE, {
      'shared/logLevel': 'silent',
      'shared/queues/fetchRequests/url': fetchRequests.url,
      'shared/queues/riskUpdates/url': riskUpdates.url,
      'fetch-service/legacy/baseUrl': legacyServer.url,
      'fetch-service/legacy/timeoutMs': TIMEOUT_MS,
      'fetch-service/legacy/minLatencyMs': 0,
      'fetch-service/legacy/maxLatencyMs': 20,
      'fetch-service/legacy/failureRate': 0,
      'fetch-service/legacy/concurrency': 3,
    });
    fetchCompany = (await import('../../src/functions/fetch-company/handler.js')).handler;
    legacySource = (await import('../../src/functions/legacy-source/handler.js')).handler as HttpHandler;
  });
  afterAll(async () => {
    await legacyServer?.stop();
    await stack?.stop();
  });

  it('publishes a risk update per good record with its correlation id, and fails only the bad ones', async () => {
    const event = await eventFor(
      [
        request('acme-1'),
        request('acme-2'),
        request('unknown-3'),
        request('hang-4'),
        '{"companyId":"bad id!"}',
        'not json',
      ],
      'corr-e2e',
    );
    const started = Date.now();

    const response = await fetchCompany(event, lambdaContext(`fetch-service-${STAGE}-fetchCompany`));

    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
    const failedIds = response.batchItemFailures.map((failure) => failure.itemIdentifier).sort();
    const expectedFailures = [
      messageIdOf(event, 'hang-4'),
      ...event.Records.slice(-2).map((record) => record.messageId),
    ];
    expect(failedIds).toEqual(expectedFailures.sort());

    const updates = await drain(stack.sqs, riskUpdates.url);
    const bodies = updates.map((message) => JSON.parse(message.Body ?? '{}') as RiskUpdate);
    expect(
      bodies
        .map(({ companyId, status }) => ({ companyId, status }))
        .sort((a, b) => a.companyId.localeCompare(b.companyId)),
    ).toEqual([
      { companyId: 'acme-1', status: legacyStatusOf('acme-1') },
      { companyId: 'acme-2', status: legacyStatusOf('acme-2') },
      { companyId: 'unknown-3', status: 'unknown' },
    ]);
    for (const body of bodies) expect(Date.parse(body.fetchedAt)).toBeGreaterThanOrEqual(started);
    expect(updates.map((message) => message.MessageAttributes?.correlationId?.StringValue)).toEqual(
      Array(3).fill('corr-e2e'),
    );
  });

  it('fails a record whose update cannot be published', async () => {
    const event = await eventFor([request('acme-5')], 'corr-publish');
    stack.cloud.faults.add({
      target: 'AmazonSQS.SendMessageBatch',
      code: 'InternalError',
      statusCode: 500,
      count: 1000,
    });

    try {
      const response = await fetchCompany(event, lambdaContext(`fetch-service-${STAGE}-fetchCompany`));

      expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    } finally {
      stack.cloud.faults.clear();
    }
    expect(await drain(stack.sqs, riskUpdates.url)).toEqual([]);
  });

  it('fails a record up front when the invocation has no time left for a legacy call', async () => {
    const event = await eventFor([request('acme-6')], 'corr-late');

    const response = await fetchCompany(event, lambdaContext(`fetch-service-${STAGE}-fetchCompany`, TIMEOUT_MS + 1000));

    expect(response.batchItemFailures).toHaveLength(1);
    expect(await drain(stack.sqs, riskUpdates.url)).toEqual([]);
  });

  it('serves the legacy stand-in over HTTP in the standard response shape', async () => {
    const known = await fetch(`${legacyServer.url}/legacy/financial-risk/acme-1`);
    const unknown = await fetch(`${legacyServer.url}/legacy/financial-risk/unknown-1`);

    expect(known.status).toBe(200);
    expect(await known.json()).toEqual({
      status: 'success',
      message: 'OK',
      data: { companyId: 'acme-1', status: legacyStatusOf('acme-1') },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: 'notFound', data: null });
  });
});
