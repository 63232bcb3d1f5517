/**
 * risk-service's getCompanyRisk, warm, through the real handler (@platform/lambda http adapter,
 * settings from Parameter Store, bearer verification, DynamoDB GetItem), and how much of it is
 * DynamoDB.
 *
 * Steps:
 * 1. start a local cloud on a free port and point this process at it (its `env`, STAGE=bench);
 * 2. serve a JWKS from a local node:http server and sign an ES256 token with scope risk:read;
 * 3. create the risk table and the fetch-requests queue, and put the settings the handler needs
 *    under /platform/bench/ (riskTable/name, queues/fetchRequests/url, shared/auth/*; logLevel
 *    warn, so no line per request floods the terminal: bench:http has the logging cost);
 * 4. put a fresh risk item, so every GET is a 200 from storage (no refresh requested);
 * 5. import the handler and time warm invocations with an API Gateway (REST, v1) event; then time
 *    a bare GetItem of the same item with the same document client, and a warm `verifyBearer`;
 * 6. print p50/p99 of each and DynamoDB's share. Asserts nothing and exits by itself.
 *
 * Usage: `npm run bench:risk-get [-- <invocations>]` (default 5000).
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { documentClient, resetAwsClients } from '@platform/aws';
import { verifyBearer } from '@platform/auth';
import { startLocalCloud } from '../tools/local-cloud/src/index.js';
import { BENCH_AUDIENCE, BENCH_ISSUER, startLocalAuth } from './local-auth.js';
import { httpEvent, lambdaContext } from '../packages/lambda/src/testing/index.js';
import { percentile, timeEach } from './stats.js';

const RUNS = Number(process.argv[2] ?? 5_000);
const STAGE = 'bench';
const TABLE = `risk-service-${STAGE}-risk`;
const COMPANY = 'acme-bench-1';

const cloud = await startLocalCloud({ port: 0 });
Object.assign(process.env, cloud.env, { STAGE, SERVICE_NAME: 'risk-service', SETTINGS_PREFIX: 'platform' });
const auth = await startLocalAuth();
const clientConfig = {
  endpoint: cloud.endpoint,
  region: cloud.region,
  credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
};
const dynamodb = new DynamoDBClient(clientConfig);
const sqs = new SQSClient(clientConfig);
const ssm = new SSMClient(clientConfig);

await dynamodb.send(
  new CreateTableCommand({
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'companyId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'companyId', KeyType: 'HASH' }],
  }),
);
const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `fetch-service-${STAGE}-fetch-requests` }));
const parameters: Record<string, string> = {
  'shared/logLevel': 'warn',
  'shared/auth/jwksUrl': auth.jwksUrl,
  'shared/auth/issuer': BENCH_ISSUER,
  'shared/auth/audience': BENCH_AUDIENCE,
  'shared/queues/fetchRequests/url': String(QueueUrl),
  'risk-service/riskTable/name': TABLE,
};
for (const [path, value] of Object.entries(parameters)) {
  await ssm.send(
    new PutParameterCommand({ Name: `/platform/${STAGE}/${path}`, Value: value, Type: 'String', Overwrite: true }),
  );
}
const now = new Date().toISOString();
await documentClient().send(
  new PutCommand({
    TableName: TABLE,
    Item: { companyId: COMPANY, status: 'reliable', statusChangedAt: '2026-01-01T00:00:00.000Z', fetchedAt: now },
  }),
);

// Imported only now: the handler's settings read STAGE when its module loads.
const { handler } = await import('../services/risk-service/src/functions/get-company-risk/handler.js');
const authorization = await auth.bearer(['risk:read']);
const event = httpEvent('GET', `/financial-risk/${COMPANY}`, {
  resource: '/financial-risk/{companyId}',
  headers: { Accept: 'application/json', Authorization: authorization, Host: 'api.example.com' },
  pathParameters: { companyId: COMPANY },
  stage: STAGE,
});
const context: Context = lambdaContext(`risk-service-${STAGE}-getCompanyRisk`, { remainingMs: 10_000 });

const first = await handler(event, context);
if (first.statusCode !== 200) {
  console.error(`getCompanyRisk answered ${first.statusCode}, not 200: ${first.body}`);
  process.exitCode = 1;
} else {
  const handlerTimes = await timeEach(() => handler(event, context), RUNS);
  const getItemTimes = await timeEach(
    () => documentClient().send(new GetCommand({ TableName: TABLE, Key: { companyId: COMPANY } })),
    RUNS,
  );
  const verifyOptions = { jwksUrl: auth.jwksUrl, issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE };
  const verifyTimes = await timeEach(() => verifyBearer(authorization, verifyOptions), RUNS);

  const ms = (values: number[], p: number) => percentile(values, p).toFixed(2);
  const line = (label: string, values: number[]) =>
    console.log(`${label.padEnd(34)} p50 ${ms(values, 50)} ms  p99 ${ms(values, 99)} ms`);
  const share = (values: number[], p: number) =>
    `${((percentile(values, p) / percentile(handlerTimes, p)) * 100).toFixed(0)}%`;
  console.log(
    `getCompanyRisk, ${RUNS} warm invocations in process (local cloud over loopback, dynalite), fresh item → 200`,
  );
  line('handler (API Gateway v1 event)', handlerTimes);
  line('bare GetItem (same client)', getItemTimes);
  line('verifyBearer (ES256, JWKS cached)', verifyTimes);
  console.log(
    `DynamoDB share                     p50 ${share(getItemTimes, 50)}  p99 ${share(getItemTimes, 99)}` +
      `  (token verification p50 ${share(verifyTimes, 50)}; the rest: settings, validation, response)`,
  );
}

resetAwsClients();
dynamodb.destroy();
sqs.destroy();
ssm.destroy();
await auth.stop();
await cloud.stop();
