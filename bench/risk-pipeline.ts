/**
 * The refresh pipeline end to end on the whole local system: fetch requests through fetch-service
 * (fetchCompany, the legacy stand-in over HTTP) and risk-updates through risk-service
 * (applyRiskUpdate) until every company is stored in the risk table.
 *
 * Steps:
 * 1. refuse to start if the system's fixed ports (3001-3003, 3101-3103) are taken (another run);
 * 2. start a local cloud on a free port and the whole system on it (`startSystem`, stage local:
 *    resources, params/local.yml, serverless-offline, event-source mappings), capturing the
 *    services' output;
 * 3. before any traffic (no function has cached its settings yet), set the legacy stand-in to
 *    5-20 ms, no failures, and fetchCompany to 10 legacy calls at once;
 * 4. send `messages` `{ companyId, requestedAt }` requests (correlationId attribute) to the
 *    fetch-requests queue with sendMessages from @platform/aws, 4 senders at once;
 * 5. poll the consumers' stats every 250 ms until applyRiskUpdate has stored that many, then
 *    confirm with a Scan count of the risk table (10 minutes at most, then report what it got);
 * 6. print total time, messages/s end to end, the mappings' counters, and each consumer's own work
 *    per batch from its 'SQS batch handled' log lines (`durationMs`, `records`).
 * Asserts nothing and exits by itself.
 *
 * Usage: `npm run bench:pipeline [-- <messages>]` (default 10000).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { sendMessages } from '@platform/aws';
import { startLocalCloud } from '../tools/local-cloud/src/index.js';
import { startSystem } from '../tools/local-system/src/index.js';
import { percentile } from './stats.js';
import { requireFreeSystemPorts } from './system-ports.js';

const MESSAGES = Number(process.argv[2] ?? 10_000);
const SENDERS = 4;
const DEADLINE_MS = 10 * 60_000;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SETTINGS: Record<string, string> = {
  'fetch-service/legacy/minLatencyMs': '5',
  'fetch-service/legacy/maxLatencyMs': '20',
  'fetch-service/legacy/failureRate': '0',
  'fetch-service/legacy/concurrency': '10',
};

await requireFreeSystemPorts();

/** 'SQS batch handled' lines of each consumer: records and durationMs per batch. */
const batches = new Map<string, Array<{ records: number; durationMs: number }>>();
/** Warnings and errors the functions logged, counted by function, message and reason. */
const problems = new Map<string, { count: number; firstAt: number; lastAt: number }>();
let unparsed = 0;
interface LogLine {
  level?: string;
  function?: string;
  message?: string;
  records: number;
  durationMs: number;
  err?: { message?: string };
  reason?: string;
}
const onServiceOutput = (_service: string, line: string) => {
  const batchLine = line.includes('SQS batch handled');
  if (!batchLine && !/"level":"(warn|error)"/.test(line)) return;
  let entry: LogLine;
  try {
    entry = JSON.parse(line.slice(line.indexOf('{'))) as LogLine;
  } catch {
    unparsed += 1; // a line split across two output chunks
    return;
  }
  const fn = String(entry.function).split('-').pop() ?? 'unknown';
  if (batchLine) {
    const list = batches.get(fn) ?? [];
    list.push({ records: entry.records, durationMs: entry.durationMs });
    batches.set(fn, list);
  } else {
    const key = `${fn}: ${entry.message ?? ''}${entry.err?.message ? ` (${entry.err.message.replace(/company \S+/g, 'company …').slice(0, 120)})` : ''}`;
    const now = performance.now();
    const seen = problems.get(key) ?? { count: 0, firstAt: now, lastAt: now };
    problems.set(key, { count: seen.count + 1, firstAt: seen.firstAt, lastAt: now });
  }
};

const cloud = await startLocalCloud({ port: 0 });
const clientConfig = {
  endpoint: cloud.endpoint,
  region: cloud.region,
  credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
};
const ssm = new SSMClient(clientConfig);
const sqs = new SQSClient(clientConfig);
const dynamodb = new DynamoDBClient(clientConfig);
const startingAt = performance.now();
const system = await startSystem(cloud, { root: ROOT, onServiceOutput });
const startupSeconds = (performance.now() - startingAt) / 1000;
for (const [path, value] of Object.entries(SETTINGS)) {
  await ssm.send(
    new PutParameterCommand({ Name: `/platform/local/${path}`, Value: value, Type: 'String', Overwrite: true }),
  );
}

const consumer = (name: string) => {
  const found = system.services.flatMap((s) => s.consumers).find((c) => c.functionName.endsWith(`-${name}`));
  if (!found) throw new Error(`no consumer ${name}`);
  return found;
};
const fetchCompany = consumer('fetchCompany');
const applyRiskUpdate = consumer('applyRiskUpdate');
const table = 'risk-service-local-risk'; // ${service}-${stage}-risk, as serverless.yml names it

const storedCount = async (): Promise<number> => {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: table,
        Select: 'COUNT',
        FilterExpression: 'attribute_exists(fetchedAt)',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
};

const run = Date.now().toString(36);
const requests = Array.from({ length: MESSAGES }, (_, i) => ({
  body: { companyId: `bench-${run}-${i}`, requestedAt: new Date().toISOString() },
  attributes: { correlationId: `bench-${run}-${i}` },
}));
const started = performance.now();
const per = Math.ceil(MESSAGES / SENDERS);
let sendFailures = 0;
const sending = Promise.all(
  Array.from({ length: SENDERS }, async (_, s) => {
    const { failed } = await sendMessages(fetchCompany.queueUrl, requests.slice(s * per, (s + 1) * per), {
      client: sqs,
    });
    sendFailures += failed.length;
  }),
).then(() => performance.now() - started);

let doneMs: number | undefined;
let stored = 0;
let lastScanAt = 0;
while (performance.now() - started < DEADLINE_MS) {
  await sleep(250);
  if (applyRiskUpdate.stats().succeeded < MESSAGES) continue;
  // The counters say so: confirm with the table itself (duplicates would count twice above).
  if (performance.now() - lastScanAt < 5_000) continue;
  lastScanAt = performance.now();
  const at = performance.now();
  stored = await storedCount();
  if (stored >= MESSAGES) {
    doneMs = at - started;
    break;
  }
}
const sendMs = await sending;
if (doneMs === undefined) stored = await storedCount();
const elapsedMs = doneMs ?? performance.now() - started;

const describe = (name: string) => {
  const list = batches.get(name) ?? [];
  if (list.length === 0) return `${name}: no 'SQS batch handled' lines captured`;
  const durations = list.map((b) => b.durationMs);
  const records = list.reduce((sum, b) => sum + b.records, 0);
  const mean = durations.reduce((sum, d) => sum + d, 0) / durations.length;
  const full = list.filter((b) => b.records === 10).map((b) => b.durationMs);
  return (
    `${name.padEnd(16)} ${list.length} batches, ${(records / list.length).toFixed(1)} records each;` +
    ` durationMs p50 ${percentile(durations, 50)}  p99 ${percentile(durations, 99)}  mean ${mean.toFixed(1)}` +
    (full.length > 0 ? `; full batches of 10 (${full.length}): p50 ${percentile(full, 50)} ms` : '')
  );
};
const seconds = elapsedMs / 1000;
console.log(
  `refresh pipeline, ${MESSAGES} fetch requests, legacy stand-in 5-20 ms, failureRate 0, legacy.concurrency 10 (system up in ${startupSeconds.toFixed(0)} s)`,
);
console.log(
  doneMs === undefined
    ? `GAVE UP after ${(DEADLINE_MS / 60_000).toFixed(0)} min: ${stored} of ${MESSAGES} companies stored`
    : `${stored} companies stored in ${seconds.toFixed(1)} s: ${(MESSAGES / seconds).toFixed(0)} messages/s end to end`,
);
console.log(
  `sending took ${(sendMs / 1000).toFixed(1)} s (${SENDERS} senders, batches of 10), ${sendFailures} not sent`,
);
console.log(`fetchCompany mapping     ${JSON.stringify(fetchCompany.stats())}`);
console.log(`applyRiskUpdate mapping  ${JSON.stringify(applyRiskUpdate.stats())}`);
console.log('consumer work per batch, from the handlers’ own log lines (handler start to end, in ms):');
console.log(`  ${describe('fetchCompany')}`);
console.log(`  ${describe('applyRiskUpdate')}`);
console.log('  the seed reported about 2 ms per batch of 10: compare with fetchCompany’s p50 above');
if (unparsed > 0) console.log(`(${unparsed} log lines split across output chunks were not read)`);
if (problems.size > 0) console.log('warnings and errors the functions logged:');
for (const [problem, { count, firstAt, lastAt }] of [...problems].sort((a, b) => b[1].count - a[1].count).slice(0, 6)) {
  const at = (t: number) => ((t - started) / 1000).toFixed(1);
  console.log(`  ${count}× ${problem}, from ${at(firstAt)} s to ${at(lastAt)} s`);
}

ssm.destroy();
sqs.destroy();
dynamodb.destroy();
await system.stop();
await cloud.stop();
