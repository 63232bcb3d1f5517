import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext as buildLambdaContext } from '@platform/lambda/testing';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { createRiskTable } from '../fixtures/risk-table.js';

type HttpHandler = (event: object, context: Context) => Promise<APIGatewayProxyResult>;

const STAGE = 'deadline';
const ISSUER = 'https://auth.test';
const AUDIENCE = 'platform-api';
/** The time Lambda gives each call here: the handler must answer well inside it. */
const BUDGET_MS = 2_000;

const lambdaContext = (remainingMs: number): Context =>
  buildLambdaContext(`risk-service-${STAGE}-getCompanyRisk`, { remainingMs });

/**
 * GET /financial-risk/{companyId} through its real handler, against the local cloud, with
 * DynamoDB and SQS slowed down or hung by the local cloud's fault rules: the function must answer
 * in the standard shape before Lambda's timeout, whatever its dependencies do.
 */
describe('getCompanyRisk handler under slow and hung dependencies', () => {
  let cloud: LocalCloud;
  let jwks: Server;
  let privateKey: CryptoKey;
  let handler: HttpHandler;
  let documents: DynamoDBDocumentClient;
  let token: string;
  let sqs: SQSClient;
  let queueUrl: string;

  const get = async (companyId: string, remainingMs = BUDGET_MS) => {
    const started = Date.now();
    const result = await handler(
      {
        httpMethod: 'GET',
        path: `/financial-risk/${companyId}`,
        pathParameters: { companyId },
        headers: { Authorization: `Bearer ${token}` },
      },
      lambdaContext(remainingMs),
    );
    return {
      code: result.statusCode,
      body: JSON.parse(result.body) as { status: string; message: string; data: unknown },
      headers: result.headers ?? {},
      ms: Date.now() - started,
    };
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0 });
    Object.assign(process.env, cloud.env, { STAGE, SETTINGS_PREFIX: 'platform' });
    const config = {
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    const raw = new DynamoDBClient(config);
    documents = DynamoDBDocumentClient.from(raw);
    await createRiskTable(raw, 'risks');
    sqs = new SQSClient(config);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'fetch-requests' }));
    queueUrl = String(QueueUrl);

    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    jwks.listen(0, '127.0.0.1');
    await once(jwks, 'listening');
    const address = jwks.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    token = await new SignJWT({ scope: 'risk:read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

    const ssm = new SSMClient(config);
    const values: Record<string, string> = {
      'shared/logLevel': 'silent',
      'shared/auth/jwksUrl': `http://127.0.0.1:${port}/.well-known/jwks.json`,
      'shared/auth/issuer': ISSUER,
      'shared/auth/audience': AUDIENCE,
      'shared/queues/fetchRequests/url': String(QueueUrl),
      'risk-service/riskTable/name': 'risks',
    };
    for (const [path, value] of Object.entries(values)) {
      await ssm.send(new PutParameterCommand({ Name: `/platform/${STAGE}/${path}`, Value: value, Type: 'String' }));
    }
    ssm.destroy();
    await documents.send(
      new PutCommand({
        TableName: 'risks',
        Item: {
          companyId: 'known',
          status: 'reliable',
          statusChangedAt: new Date().toISOString(),
          fetchedAt: new Date().toISOString(),
        },
      }),
    );
    handler = (await import('../../src/functions/get-company-risk/handler.js')).handler as HttpHandler;
    // Warm: settings and keys loaded, as in a container that has served before.
    expect((await get('known')).code).toBe(200);
  });
  afterEach(() => cloud.faults.clear());
  afterAll(async () => {
    documents?.destroy();
    sqs?.destroy();
    jwks?.close();
    await cloud?.stop();
  });

  it('answers from the table in the calm', async () => {
    const response = await get('known');

    expect(response).toMatchObject({ code: 200, body: { status: 'success', data: { companyId: 'known' } } });
  });

  it('answers a slow DynamoDB normally when the budget allows it', async () => {
    cloud.faults.add({ target: 'DynamoDB_20120810.GetItem', action: 'latency', latencyMs: 300 });

    const response = await get('known');

    expect(response).toMatchObject({ code: 200, body: { status: 'success' } });
  });

  it('answers 503 in the standard shape within its budget when DynamoDB hangs, then serves again', async () => {
    cloud.faults.add({ target: 'DynamoDB_20120810', action: 'hang' });

    const response = await get('known');

    expect(response).toMatchObject({
      code: 503,
      body: { status: 'unavailable', message: expect.any(String), data: { requestId: expect.any(String) } },
      headers: { 'retry-after': '1' },
    });
    // Before Lambda's timeout, with time left to answer: not a 504 from the gateway.
    expect(response.ms).toBeLessThan(BUDGET_MS);

    cloud.faults.clear();
    expect((await get('known')).code).toBe(200);
  });

  it('answers 50 parallel calls 503 within the budget while DynamoDB hangs', async () => {
    cloud.faults.add({ target: 'DynamoDB_20120810', action: 'hang' });

    const responses = await Promise.all(Array.from({ length: 50 }, () => get('known')));

    expect(responses.map((response) => response.code)).toEqual(Array(50).fill(503));
    expect(Math.max(...responses.map((response) => response.ms))).toBeLessThan(BUDGET_MS);
  });

  it('answers 503 when the fetch request cannot be sent in time, and a later call requests it', async () => {
    cloud.faults.add({ target: 'AmazonSQS.SendMessageBatch', action: 'hang' });

    const hung = await get('missing-1');

    expect(hung).toMatchObject({ code: 503, body: { status: 'unavailable' } });
    expect(hung.ms).toBeLessThan(BUDGET_MS);

    // The claim was released, so the next call is not held back by the cooldown: it requests the fetch.
    cloud.faults.clear();
    expect(await get('missing-1')).toMatchObject({ code: 202, body: { status: 'accepted' } });
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(Messages.map((message) => (JSON.parse(String(message.Body)) as { companyId: string }).companyId)).toEqual([
      'missing-1',
    ]);
  });
});
