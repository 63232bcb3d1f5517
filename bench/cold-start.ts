/**
 * Cold start of every function of risk-service and fetch-service: bundle size, and the time a
 * fresh Node process takes to load the bundle and serve its first invocation.
 *
 * Steps:
 * 1. bundle each handler with esbuild exactly as its serverless.yml's `custom.esbuild` says
 *    (bundle, minify, sourcemap, treeShaking, node22, cjs, conditions ['@platform/source'], .cjs),
 *    into a temporary directory; measure the bundle, its source map, and both deflated (≈ the zip);
 * 2. start a local cloud on a free port with what the functions need under /platform/bench/: the
 *    risk table (one fresh item), the three queues, a JWKS (local node:http server) and ES256
 *    tokens, a legacy stand-in answering at once (so fetchCompany's figure is its own), and the
 *    stand-in's latency set to 0 (so legacySource's is too);
 * 3. per function, `runs` times: a fresh `node --enable-source-maps -e` (NODE_OPTIONS as the
 *    provider sets it) requires the .cjs and invokes `handler` once with an event fit for it (API
 *    Gateway v1 with a bearer token, an SQS batch of one record, an EventBridge schedule); it
 *    reports Node's own start-up, the require, and the first invocation (settings from Parameter
 *    Store, JWKS, SDK clients, the AWS calls), and the parent times spawn to exit;
 *    as many more processes only require the bundle without --enable-source-maps (its share);
 * 4. print a table of medians. Asserts nothing and exits by itself.
 *
 * Node is this machine's (20), not Lambda's 22; Lambda adds its own init (runtime, extensions).
 * Usage: `npm run bench:cold-start [-- <runs per function>]` (default 5).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { build, type BuildOptions } from 'esbuild';
import { parse } from 'yaml';
import { startLocalCloud } from '../tools/local-cloud/src/index.js';
import { BENCH_AUDIENCE, BENCH_ISSUER, startLocalAuth } from './local-auth.js';
import { percentile } from './stats.js';

const RUNS = Number(process.argv[2] ?? 5);
const STAGE = 'bench';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SERVICES = ['risk-service', 'fetch-service'] as const;
/** serverless-esbuild's own options: not esbuild's (see its bundle.ts). */
const PLUGIN_ONLY = [
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
  'config',
];

interface ServerlessFile {
  provider: { timeout?: number };
  custom: {
    esbuild: Record<string, unknown> & { outputFileExtension?: string; exclude?: string[]; plugins?: string };
  };
  functions: Record<string, { handler: string; timeout?: number }>;
}

/** A `${file(<path>):<key>}` reference (how services include tools/serverless/platform.yml). */
const FILE_REFERENCE = /^\$\{file\((.+)\):([\w.-]+)\}$/;

/** Reads YAML as plain data; CloudFormation tags (`!Sub`, …) do not matter here. */
const readYaml = async (file: string): Promise<Record<string, unknown>> =>
  parse(await readFile(file, 'utf8'), { logLevel: 'error' }) as Record<string, unknown>;

/** A service's serverless.yml, its `provider` and `custom.esbuild` read from the file they include. */
const readServerlessFile = async (serviceDir: string): Promise<ServerlessFile> => {
  const yml = await readYaml(join(serviceDir, 'serverless.yml'));
  const included = async (value: unknown): Promise<unknown> => {
    const reference = typeof value === 'string' ? FILE_REFERENCE.exec(value) : null;
    return reference ? (await readYaml(join(serviceDir, reference[1] ?? '')))[reference[2] ?? ''] : value;
  };
  const custom = yml.custom as Record<string, unknown>;
  return {
    ...yml,
    provider: await included(yml.provider),
    custom: { ...custom, esbuild: await included(custom.esbuild) },
  } as ServerlessFile;
};

interface Fn {
  service: string;
  name: string;
  bundle: string;
  timeoutMs: number;
  bytes: number;
  mapBytes: number;
  deflatedBytes: number;
}

// 1. Bundles.
const outRoot = await mkdtemp(join(tmpdir(), 'bench-cold-start-'));
const functions: Fn[] = [];
for (const service of SERVICES) {
  const serviceDir = join(ROOT, 'services', service);
  const yml = await readServerlessFile(serviceDir);
  const { outputFileExtension = '.js', exclude = ['aws-sdk'], plugins, ...rest } = yml.custom.esbuild;
  const esbuildOptions = Object.fromEntries(
    Object.entries(rest).filter(([key]) => !PLUGIN_ONLY.includes(key)),
  ) as BuildOptions;
  // serverless-esbuild require()s `plugins`, a path relative to the service, for an array of plugins.
  if (typeof plugins === 'string') esbuildOptions.plugins = createRequire(import.meta.url)(join(serviceDir, plugins));
  for (const [name, fn] of Object.entries(yml.functions)) {
    const file = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
    const outdir = join(outRoot, service, name);
    await build({
      ...esbuildOptions,
      external: [...((esbuildOptions.external as string[] | undefined) ?? []), ...exclude],
      ...(outputFileExtension === '.js' ? {} : { outExtension: { '.js': outputFileExtension } }),
      absWorkingDir: serviceDir,
      entryPoints: [join(serviceDir, `${file}.ts`)],
      outdir,
      logLevel: 'warning',
    });
    const bundle = join(outdir, `handler${outputFileExtension}`);
    const code = await readFile(bundle);
    const map = await readFile(`${bundle}.map`);
    functions.push({
      service,
      name,
      bundle,
      timeoutMs: (fn.timeout ?? yml.provider.timeout ?? 6) * 1000,
      bytes: code.length,
      mapBytes: (await stat(`${bundle}.map`)).size,
      deflatedBytes: deflateRawSync(code).length + deflateRawSync(map).length,
    });
  }
}

// 2. The local cloud and what the functions read.
const cloud = await startLocalCloud({ port: 0 });
const auth = await startLocalAuth();
const legacy = createServer((req, res) => {
  const companyId = decodeURIComponent(req.url?.split('/').pop() ?? '');
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ status: 'success', message: 'OK', data: { companyId, status: 'reliable' } }));
}).listen(0, '127.0.0.1');
await once(legacy, 'listening');
const legacyAddress = legacy.address();
const legacyUrl = `http://127.0.0.1:${typeof legacyAddress === 'object' && legacyAddress ? legacyAddress.port : 0}`;

const clientConfig = {
  endpoint: cloud.endpoint,
  region: cloud.region,
  credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
};
const dynamodb = new DynamoDBClient(clientConfig);
const documents = DynamoDBDocumentClient.from(dynamodb);
const sqs = new SQSClient(clientConfig);
const ssm = new SSMClient(clientConfig);
const table = `risk-service-${STAGE}-risk`;
await dynamodb.send(
  new CreateTableCommand({
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'companyId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'companyId', KeyType: 'HASH' }],
  }),
);
await documents.send(
  new PutCommand({
    TableName: table,
    Item: {
      companyId: 'cold-get',
      status: 'reliable',
      statusChangedAt: '2026-01-01T00:00:00.000Z',
      fetchedAt: new Date().toISOString(),
    },
  }),
);
const queue = async (name: string) => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: String(QueueUrl), arn: String(Attributes?.QueueArn) };
};
const queues = {
  fetchRequests: await queue(`fetch-service-${STAGE}-fetch-requests`),
  fetchRequestsDlq: await queue(`fetch-service-${STAGE}-fetch-requests-dlq`),
  riskUpdates: await queue(`risk-service-${STAGE}-risk-updates`),
};
const parameters: Record<string, string> = {
  'shared/logLevel': 'info',
  'shared/auth/jwksUrl': auth.jwksUrl,
  'shared/auth/issuer': BENCH_ISSUER,
  'shared/auth/audience': BENCH_AUDIENCE,
  'risk-service/riskTable/name': table,
  'fetch-service/legacy/baseUrl': legacyUrl,
  'fetch-service/legacy/timeoutMs': '2000',
  'fetch-service/legacy/minLatencyMs': '0',
  'fetch-service/legacy/maxLatencyMs': '0',
  'fetch-service/legacy/failureRate': '0',
  'fetch-service/legacy/concurrency': '2',
};
for (const [name, { url, arn }] of Object.entries(queues)) {
  parameters[`shared/queues/${name}/url`] = url;
  parameters[`shared/queues/${name}/arn`] = arn;
}
for (const [path, value] of Object.entries(parameters)) {
  await ssm.send(
    new PutParameterCommand({ Name: `/platform/${STAGE}/${path}`, Value: value, Type: 'String', Overwrite: true }),
  );
}

// 3. Events, one per function and run.
const apiEvent = (
  method: string,
  resource: string,
  path: string,
  pathParameters: Record<string, string>,
  bearer?: string,
) => ({
  resource,
  path,
  httpMethod: method,
  headers: { Accept: 'application/json', Host: 'api.example.com', ...(bearer ? { Authorization: bearer } : {}) },
  multiValueHeaders: {},
  queryStringParameters: null,
  pathParameters,
  stageVariables: null,
  requestContext: { stage: STAGE, requestId: 'cold', httpMethod: method, resourcePath: resource },
  body: null,
  isBase64Encoded: false,
});
const sqsEvent = (arn: string, body: unknown) => ({
  Records: [
    {
      messageId: `m-${Date.now()}`,
      receiptHandle: 'cold-start',
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'bench',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: { correlationId: { stringValue: 'cold-start', dataType: 'String' } },
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: cloud.region,
    },
  ],
});
const readBearer = await auth.bearer(['risk:read']);
const refreshBearer = await auth.bearer(['risk:refresh']);
const eventFor = async (fn: Fn, run: number): Promise<unknown> => {
  const id = `cold-${fn.name.toLowerCase()}-${run}`;
  switch (fn.name) {
    case 'getCompanyRisk':
      return apiEvent(
        'GET',
        '/financial-risk/{companyId}',
        '/financial-risk/cold-get',
        { companyId: 'cold-get' },
        readBearer,
      );
    case 'requestRefresh':
      return apiEvent(
        'POST',
        '/financial-risk/{companyId}/refresh',
        `/financial-risk/${id}/refresh`,
        { companyId: id },
        refreshBearer,
      );
    case 'applyRiskUpdate':
      return sqsEvent(queues.riskUpdates.arn, {
        companyId: id,
        status: 'reliable',
        fetchedAt: new Date().toISOString(),
      });
    case 'scheduleRefresh':
      return {
        version: '0',
        id: `cold-${run}`,
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: new Date().toISOString(),
        region: cloud.region,
        resources: [],
        detail: {},
      };
    case 'fetchCompany':
      return sqsEvent(queues.fetchRequests.arn, { companyId: id, requestedAt: new Date().toISOString() });
    case 'legacySource':
      return apiEvent('GET', '/legacy/financial-risk/{companyId}', `/legacy/financial-risk/${id}`, { companyId: id });
    default:
      throw new Error(`no event for ${fn.name}`);
  }
};

/** The child: require, invoke once, report, exit (keep-alive sockets would keep it alive). */
const CHILD = `
const t0 = performance.now();
const { handler } = require(process.env.BENCH_BUNDLE);
const t1 = performance.now();
if (process.env.BENCH_LOAD_ONLY) {
  process.stdout.write('\\n@@bench ' + JSON.stringify({ bootMs: t0, loadMs: t1 - t0, firstMs: 0 }) + '\\n');
  process.exit(0);
}
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS);
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  awsRequestId: 'cold-start',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => timeoutMs - (performance.now() - t1),
};
Promise.resolve(handler(JSON.parse(process.env.BENCH_EVENT), context)).then(
  (result) => {
    const t2 = performance.now();
    process.stdout.write('\\n@@bench ' + JSON.stringify({ bootMs: t0, loadMs: t1 - t0, firstMs: t2 - t1, result }) + '\\n');
    process.exit(0);
  },
  (error) => {
    process.stdout.write('\\n@@bench ' + JSON.stringify({ error: String(error && error.stack || error) }) + '\\n');
    process.exit(1);
  },
);
`;

interface Sample {
  bootMs: number;
  loadMs: number;
  firstMs: number;
  totalMs: number;
  outcome: string;
}

const outcomeOf = (result: unknown): string => {
  if (result && typeof result === 'object') {
    const value = result as { statusCode?: number; batchItemFailures?: unknown[] };
    if (value.statusCode !== undefined) return String(value.statusCode);
    if (Array.isArray(value.batchItemFailures)) return `${value.batchItemFailures.length} failed`;
  }
  return JSON.stringify(result) ?? 'undefined';
};

/** One fresh process: require and first invocation, or (`loadOnly`) the require alone without source maps. */
const coldRun = async (fn: Fn, run: number, loadOnly = false): Promise<Sample> => {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', CHILD], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      ...cloud.env,
      STAGE,
      SERVICE_NAME: fn.service,
      SETTINGS_PREFIX: 'platform',
      NODE_OPTIONS: loadOnly ? '' : '--enable-source-maps',
      ...(loadOnly ? { BENCH_LOAD_ONLY: '1' } : {}),
      AWS_LAMBDA_FUNCTION_NAME: `${fn.service}-${STAGE}-${fn.name}`,
      BENCH_BUNDLE: fn.bundle,
      BENCH_TIMEOUT_MS: String(fn.timeoutMs),
      BENCH_EVENT: loadOnly ? '{}' : JSON.stringify(await eventFor(fn, run)),
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const killer = setTimeout(() => child.kill('SIGKILL'), fn.timeoutMs + 30_000);
  await once(child, 'close');
  clearTimeout(killer);
  const totalMs = performance.now() - started;
  const line = output.split('\n').find((l) => l.startsWith('@@bench '));
  if (!line) throw new Error(`${fn.name}: the child reported nothing:\n${output.slice(-2000)}`);
  const report = JSON.parse(line.slice('@@bench '.length)) as Omit<Sample, 'totalMs' | 'outcome'> & {
    result?: unknown;
    error?: string;
  };
  if (report.error) throw new Error(`${fn.name} threw: ${report.error}`);
  return { ...report, totalMs, outcome: outcomeOf(report.result) };
};

// 4. Runs and the table.
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const median = (values: number[]) => percentile(values, 50);
const rows: string[][] = [];
for (const fn of functions) {
  const samples: Sample[] = [];
  const bare: Sample[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    samples.push(await coldRun(fn, run));
    bare.push(await coldRun(fn, run, true));
  }
  const of = (key: 'bootMs' | 'loadMs' | 'firstMs' | 'totalMs') => median(samples.map((s) => s[key])).toFixed(0);
  rows.push([
    `${fn.service}/${fn.name}`,
    kib(fn.bytes),
    kib(fn.mapBytes),
    kib(fn.deflatedBytes),
    of('bootMs'),
    of('loadMs'),
    median(bare.map((s) => s.loadMs)).toFixed(0),
    of('firstMs'),
    of('totalMs'),
    [...new Set(samples.map((s) => s.outcome))].join(', '),
  ]);
}
const header = [
  'function',
  'bundle',
  'map',
  '≈ zip',
  'node ms',
  'require ms',
  'no maps',
  '1st call ms',
  'process ms',
  'answer',
];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
const format = (cells: string[]) =>
  cells
    .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
console.log(
  `cold start per function: esbuild bundle as serverless.yml says; medians of ${RUNS} fresh \`node --enable-source-maps\` processes (Node ${process.versions.node})`,
);
console.log(format(header));
for (const row of rows) console.log(format(row));
console.log(
  'node: Node start-up before the require; require: loading the bundle (no maps: the same without --enable-source-maps); 1st call: settings, JWKS, SDK clients and the AWS calls of one invocation; process: spawn to exit',
);

dynamodb.destroy();
sqs.destroy();
ssm.destroy();
legacy.closeAllConnections();
legacy.close();
await auth.stop();
await cloud.stop();
await rm(outRoot, { recursive: true, force: true });
