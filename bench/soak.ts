/**
 * Soak and fault harness: the whole local system under N concurrent clients for T seconds while
 * the local cloud's fault rules imitate real outages, then an account of what came back.
 *
 * Steps:
 * 1. refuse to start if the system's fixed ports are taken; start a local cloud with embedded
 *    Postgres and the whole system (`startSystem`, as `npm start` does), the legacy stand-in
 *    failing half of its calls for the whole run (set before any function loads its settings);
 * 2. log in as the local demo user; start N clients, each looping until T: GET
 *    /financial-risk/{id} (70 %, 400 companies), POST …/refresh (10 %), POST /auth/token (10 %),
 *    GET /auth/me (10 %), each answer timed and checked for the standard `{ status, message, data }`;
 * 3. meanwhile, one fault at a time, in equal phases after a calm one: Parameter Store hung then
 *    back; DynamoDB 150 ± 100 ms slower; SQS SendMessageBatch failing half the time; auth-service's
 *    Postgres connections killed every second; then calm again;
 * 4. wait (5 minutes at most) until the fetch-requests and risk-updates queues are empty;
 * 5. print requests, answers per second, p50/p99 per endpoint, answers by status overall and per
 *    phase, answers without a standard body, what the local gateway shed, then every company whose
 *    fetch was accepted (202) against the risk table and the DLQs: requested = applied + in a DLQ,
 *    anything else is lost; and whether every function still answers.
 * Asserts nothing and exits by itself.
 *
 * Usage: `npm run soak [-- <clients> <seconds>]` (default 200 clients, 120 s); `SOAK_LOG=<file>`
 * keeps every line the services print.
 */
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startLocalCloud, type FaultRule } from '../tools/local-cloud/src/index.js';
import { startSystem } from '../tools/local-system/src/index.js';
import { percentile } from './stats.js';
import { requireFreeSystemPorts } from './system-ports.js';

const CLIENTS = Number(process.argv[2] ?? 200);
const SECONDS = Number(process.argv[3] ?? 120);
const COMPANIES = 400;
const DRAIN_MS = 5 * 60_000;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEMO = { email: 'demo@example.com', password: 'local-demo-password' };
const QUEUES = {
  fetchRequests: 'fetch-service-local-fetch-requests',
  riskUpdates: 'risk-service-local-risk-updates',
} as const;
const DLQS = [`${QUEUES.fetchRequests}-dlq`, `${QUEUES.riskUpdates}-dlq`];

await requireFreeSystemPorts();

/** One fault phase: rules for the local cloud, or an action repeated every second. */
interface Phase {
  name: string;
  rules?: FaultRule[];
  every?: () => Promise<void>;
}

const cloud = await startLocalCloud({ port: 0, postgres: {} });
const config = {
  endpoint: cloud.endpoint,
  region: cloud.region,
  credentials: { accessKeyId: 'soak', secretAccessKey: 'soak' },
};
const ssm = new SSMClient(config);
const sqs = new SQSClient(config);
const dynamodb = new DynamoDBClient(config);
console.log(`starting the local system (bundling every service)…`);
// SOAK_LOG=<file>: every line the services print, to read what went wrong.
const serviceLog = process.env.SOAK_LOG ? createWriteStream(process.env.SOAK_LOG) : undefined;
const system = await startSystem(cloud, {
  root: ROOT,
  ...(serviceLog
    ? { onServiceOutput: (service: string, line: string) => serviceLog.write(`${service} ${line}\n`) }
    : {}),
});
await ssm.send(
  new PutParameterCommand({
    Name: '/platform/local/fetch-service/legacy/failureRate',
    Value: '0.5',
    Type: 'String',
    Overwrite: true,
  }),
);
const urlOf = (service: string) => system.services.find((s) => s.name === service)?.httpUrl ?? '';
const risk = urlOf('risk-service');
const auth = urlOf('auth-service');
const admin = new pg.Client({ connectionString: cloud.postgres?.url });
await admin.connect();

const killAuthConnections = async (): Promise<void> => {
  await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'auth-service%'",
  );
};

const phases: Phase[] = [
  { name: 'calm' },
  { name: 'Parameter Store hung', rules: [{ target: 'AmazonSSM', action: 'hang' }] },
  {
    name: 'DynamoDB +150±100 ms',
    rules: [{ target: 'DynamoDB_20120810', action: 'latency', latencyMs: 150, jitterMs: 100 }],
  },
  {
    name: 'SQS sends failing 50 %',
    rules: [
      {
        target: 'AmazonSQS.SendMessageBatch',
        action: 'error',
        code: 'ServiceUnavailable',
        statusCode: 503,
        probability: 0.5,
      },
    ],
  },
  { name: 'Postgres connections killed', every: killAuthConnections },
  { name: 'calm again' },
];

/** What one answer was. */
interface Answer {
  endpoint: string;
  phase: number;
  code: number;
  ms: number;
  standard: boolean;
  companyId?: string;
  status?: string;
}
const answers: Answer[] = [];
const nonStandard: string[] = [];
let phase = 0;

const isStandard = (body: unknown): body is { status: string } =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { status?: unknown }).status === 'string' &&
  typeof (body as { message?: unknown }).message === 'string' &&
  'data' in body;

const call = async (endpoint: string, url: string, init: RequestInit, companyId?: string): Promise<unknown> => {
  const started = performance.now();
  let code = 0;
  let body: unknown;
  let text = '';
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    code = response.status;
    text = await response.text();
    body = JSON.parse(text);
  } catch (error) {
    text ||= (error as Error).message;
  }
  const standard = isStandard(body);
  if (!standard && nonStandard.length < 5) nonStandard.push(`${endpoint} ${code}: ${text.slice(0, 160)}`);
  answers.push({
    endpoint,
    phase,
    code,
    ms: performance.now() - started,
    standard,
    ...(companyId === undefined ? {} : { companyId }),
    ...(standard ? { status: body.status } : {}),
  });
  return body;
};

/** A token for `resource` (each service accepts only tokens for its own audience). */
const login = async (resource = 'risk-service'): Promise<string | undefined> => {
  const body = (await call('POST /auth/token', `${auth}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...DEMO, resource }),
  })) as { data?: { accessToken?: string } } | undefined;
  return body?.data?.accessToken;
};

let token = '';
for (let attempt = 0; !token && attempt < 20; attempt += 1) token = (await login()) ?? (await sleep(500), '');
if (!token) throw new Error('could not log in as the demo user');
const ownToken = (await login('auth-service')) ?? '';
answers.length = 0;
nonStandard.length = 0;

const endAt = Date.now() + SECONDS * 1000;
const client = async (): Promise<void> => {
  const bearer = { authorization: `Bearer ${token}` };
  while (Date.now() < endAt) {
    const pick = Math.random();
    const companyId = `soak-${Math.floor(Math.random() * COMPANIES)}`;
    if (pick < 0.7) {
      await call('GET /financial-risk/{id}', `${risk}/financial-risk/${companyId}`, { headers: bearer }, companyId);
    } else if (pick < 0.8) {
      await call(
        'POST /financial-risk/{id}/refresh',
        `${risk}/financial-risk/${companyId}/refresh`,
        { method: 'POST', headers: bearer },
        companyId,
      );
    } else if (pick < 0.9) {
      await login();
    } else {
      await call('GET /auth/me', `${auth}/auth/me`, { headers: { authorization: `Bearer ${ownToken}` } });
    }
  }
};

const faults = (async () => {
  const phaseMs = (SECONDS * 1000) / phases.length;
  for (let index = 0; index < phases.length; index += 1) {
    const current = phases[index] as Phase;
    phase = index;
    cloud.faults.clear();
    for (const rule of current.rules ?? []) cloud.faults.add(rule);
    console.log(`${new Date().toISOString()} phase ${index}: ${current.name}`);
    const phaseEnd = Date.now() + phaseMs;
    while (Date.now() < phaseEnd) {
      await current.every?.().catch(() => undefined);
      await sleep(Math.min(1_000, Math.max(0, phaseEnd - Date.now())));
    }
  }
  cloud.faults.clear();
})();

const started = Date.now();
await Promise.all([...Array.from({ length: CLIENTS }, client), faults]);
const loadMs = Date.now() - started;
console.log(`load done after ${(loadMs / 1000).toFixed(0)} s; waiting for the queues to drain…`);

const depth = async (name: string): Promise<number> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: `${cloud.endpoint}/000000000000/${name}`,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
};
const drainStarted = Date.now();
let pending = Infinity;
while (Date.now() - drainStarted < DRAIN_MS) {
  pending = (await depth(QUEUES.fetchRequests)) + (await depth(QUEUES.riskUpdates));
  if (pending === 0) break;
  await sleep(1_000);
}

// Every company whose fetch was accepted: stored, or its message waits in a DLQ. Anything else is lost.
const requested = new Set(
  answers.filter((a) => a.code === 202 && a.companyId !== undefined).map((a) => a.companyId as string),
);
const applied = new Set<string>();
let startKey: Record<string, never> | undefined;
do {
  const page = await dynamodb.send(
    new ScanCommand({
      TableName: 'risk-service-local-risk',
      ExclusiveStartKey: startKey,
      ProjectionExpression: 'companyId, fetchedAt',
    }),
  );
  for (const item of page.Items ?? []) if (item.fetchedAt?.S) applied.add(String(item.companyId?.S));
  startKey = page.LastEvaluatedKey as typeof startKey;
} while (startKey);
const inDlq = new Set<string>();
let dlqMessages = 0;
for (const name of DLQS) {
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: `${cloud.endpoint}/000000000000/${name}`,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 600,
      }),
    );
    if (Messages.length === 0) break;
    dlqMessages += Messages.length;
    for (const message of Messages) {
      try {
        inDlq.add(String((JSON.parse(String(message.Body)) as { companyId?: string }).companyId));
      } catch {
        // a body that is not JSON names no company
      }
    }
  }
}
const lost = [...requested].filter((id) => !applied.has(id) && !inDlq.has(id));

// Afterwards, every function still answers.
const after: Array<[string, number]> = [];
const probe = async (name: string, url: string, init: RequestInit = {}) => {
  try {
    after.push([name, (await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) })).status]);
  } catch {
    after.push([name, 0]);
  }
};
const fresh = await login();
const bearer = { authorization: `Bearer ${fresh ?? token}` };
await probe('getCompanyRisk', `${risk}/financial-risk/soak-0`, { headers: bearer });
await probe('requestRefresh', `${risk}/financial-risk/soak-1/refresh`, { method: 'POST', headers: bearer });
await probe('token', `${auth}/auth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(DEMO),
});
await probe('me', `${auth}/auth/me`, { headers: { authorization: `Bearer ${(await login('auth-service')) ?? ''}` } });
await probe('jwks', `${auth}/.well-known/jwks.json`);
await probe('legacySource', `${urlOf('fetch-service')}/legacy/financial-risk/soak-2`);

// Report.
const count = <T>(values: readonly T[]): Map<T, number> => {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};
const describeCodes = (list: readonly Answer[]) =>
  [...count(list.map((a) => a.code))]
    .sort(([a], [b]) => a - b)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
const ms = (values: readonly number[]) =>
  `p50 ${percentile(values, 50).toFixed(0)} ms  p99 ${percentile(values, 99).toFixed(0)} ms`;

console.log(`\n== soak: ${CLIENTS} clients × ${SECONDS} s (legacy failing 50 % throughout)`);
console.log(
  `requests ${answers.length}, ${(answers.length / (loadMs / 1000)).toFixed(0)}/s; all: ${ms(answers.map((a) => a.ms))}`,
);
for (const [endpoint] of count(answers.map((a) => a.endpoint))) {
  const list = answers.filter((a) => a.endpoint === endpoint);
  console.log(
    `  ${endpoint.padEnd(34)} ${String(list.length).padStart(6)}  ${ms(list.map((a) => a.ms))}  ${describeCodes(list)}`,
  );
}
console.log(`by status: ${describeCodes(answers)}`);
phases.forEach((p, index) => {
  console.log(`  phase ${index} ${p.name.padEnd(30)} ${describeCodes(answers.filter((a) => a.phase === index))}`);
});
const without = answers.filter((a) => !a.standard);
console.log(
  `answers without a standard body: ${without.length}${nonStandard.length ? `, e.g.\n    ${nonStandard.join('\n    ')}` : ''}`,
);
for (const service of system.services) {
  for (const [fn, stats] of Object.entries(service.gateway?.stats() ?? {})) {
    if (stats.throttled + stats.replaced > 0) {
      console.log(
        `  gateway ${fn}: forwarded ${stats.forwarded}, shed ${stats.throttled}, replaced ${stats.replaced}, max in flight ${stats.maxInFlight}`,
      );
      for (const sample of stats.replacedSamples)
        console.log(`      replaced: ${sample.replace(/\s+/g, ' ').slice(0, 240)}`);
    }
  }
}
console.log(
  `fetches accepted ${requested.size} companies; applied ${[...requested].filter((id) => applied.has(id)).length}; in a DLQ ${[...requested].filter((id) => inDlq.has(id)).length} (${dlqMessages} messages); lost ${lost.length}${lost.length ? ` (${lost.slice(0, 10).join(', ')})` : ''}; queues ${pending === 0 ? 'drained' : `still holding ${pending}`} after ${((Date.now() - drainStarted) / 1000).toFixed(0)} s`,
);
console.log(`afterwards: ${after.map(([name, code]) => `${name} ${code}`).join(', ')}`);

await admin.end();
ssm.destroy();
sqs.destroy();
dynamodb.destroy();
await system.stop();
await cloud.stop();
process.exit(0);
