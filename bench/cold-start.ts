/**
 * Cold start: every function of risk-service and fetch-service, and auth-service's token, then
 * three of them side by side with the same handler built on AWS Lambda Powertools and on the bare
 * AWS SDK (bench/cold-start/anchors), against the targets of issue 14.
 *
 * Steps:
 * 1. bundle each handler with esbuild exactly as its serverless.yml's `custom.esbuild` says, and
 *    each anchor with the same options (its service's); measure the bundle, its source map, and
 *    both deflated (≈ the zip);
 * 2. start a local cloud on a free port and an embedded PostgreSQL, with what the functions need
 *    under /platform/bench/: the risk table (one fresh item), the three queues, a JWKS (local
 *    node:http server) and ES256 tokens, a legacy stand-in answering at once, auth-service's
 *    database URL, signing keys and bootstrap admin (whose login the token runs measure);
 * 3. per function, `runs` times: a fresh `node -e` (NODE_OPTIONS as the provider sets it) requires the .cjs and invokes `handler` once with an event fit for it; it
 *    reports Node's own start-up, the require, the first invocation and its peak RSS, and the
 *    parent times spawn to answer (Lambda keeps a process after it answers: its exit is nobody's latency); as many more processes only require the bundle;
 * 4. the anchor comparison: for getCompanyRisk, applyRiskUpdate and token, `anchor runs` rounds of
 *    ours, Powertools, raw SDK, one after another (A B C A B C …, so a noisy machine slows all
 *    three alike), each a require-only process and a require + first invocation process;
 * 5. the warm figures of bench/http-adapter.ts and bench/settings.ts (run as child processes);
 * 6. the targets, each met or not. Asserts nothing (a missed target prints ✗) and exits by itself.
 *
 * The children run on Lambda's Node major version (22, see ./lambda-node.ts: installed from the npm
 * registry when this machine has another), the parent and the warm benches on this machine's;
 * Lambda adds its own init (runtime, extensions). `BENCH_NODE=<path>` picks the children's node.
 * Usage: `npm run bench:cold-start [-- <runs per function> [<anchor runs>]]` (defaults 3 and 11);
 * `BENCH_ONLY=<function>[,…]` measures only those; `BENCH_NODE_ARGS` go to the children's
 * node command line (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where a cold start goes);
 * `BENCH_KEEP=1` keeps the bundles and their maps (to read such a profile against them).
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
import { exportJWK, generateKeyPair } from 'jose';
import { startLocalCloud, startPostgres } from '../tools/local-cloud/src/index.js';
import { readServiceManifest, type ServiceManifest } from '../tools/service-manifest/src/index.js';
import { publicKeysOf } from '../services/auth-service/src/adapters/public-keys.js';
import type { PrivateSigningJwk } from '../services/auth-service/src/adapters/signing-keys.js';
import { lambdaNode } from './lambda-node.js';
import { BENCH_AUDIENCE, BENCH_ISSUER, startLocalAuth } from './local-auth.js';
import { percentile } from './stats.js';

const RUNS = Number(process.argv[2] ?? 3);
const ANCHOR_RUNS = Number(process.argv[3] ?? 11);
const STAGE = 'bench';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SERVICES = ['risk-service', 'fetch-service', 'auth-service'] as const;
/** auth-service's functions measured (the others need more of the system than this bench sets up). */
const AUTH_FUNCTIONS = new Set(['token']);
/** The functions compared with anchors, and the anchors' entry (bench/cold-start/anchors/<family>/<file>.ts). */
const ANCHORED: Record<string, string> = {
  getCompanyRisk: 'get-company-risk',
  applyRiskUpdate: 'apply-risk-update',
  token: 'token',
};
const FAMILIES = ['powertools', 'raw-sdk'] as const;
/** `BENCH_ONLY=token,getCompanyRisk`: only these functions (while working on one). */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
/** Issue 14's targets. */
const TARGETS = {
  bundleBytes: 800 * 1024,
  vsPowertools: 1.0,
  vsRawSdk: 1.2,
  httpOverheadMicros: 50,
  settingsGetMicros: 1,
};
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

/** A bundled handler: one of ours or an anchor. */
interface Fn {
  service: string;
  name: string;
  /** `ours`, or the anchor family. */
  variant: string;
  bundle: string;
  timeoutMs: number;
  /** NODE_OPTIONS as the service's provider sets it. */
  nodeOptions: string;
  bytes: number;
  mapBytes: number;
  deflatedBytes: number;
}

/** esbuild's options as serverless-esbuild derives them from a service's `custom.esbuild`. */
const esbuildOptionsOf = (serviceDir: string, yml: ServiceManifest) => {
  const { outputFileExtension = '.js', exclude = ['aws-sdk'], plugins, ...rest } = yml.custom?.esbuild ?? {};
  const options = Object.fromEntries(
    Object.entries(rest).filter(([key]) => !PLUGIN_ONLY.includes(key)),
  ) as BuildOptions;
  // serverless-esbuild require()s `plugins`, a path relative to the service, for an array of plugins.
  if (typeof plugins === 'string') options.plugins = createRequire(import.meta.url)(join(serviceDir, plugins));
  return {
    ...options,
    external: [...((options.external as string[] | undefined) ?? []), ...exclude],
    ...(outputFileExtension === '.js' ? {} : { outExtension: { '.js': outputFileExtension } }),
    absWorkingDir: serviceDir,
    outputFileExtension,
  };
};

// 1. Bundles.
const outRoot = await mkdtemp(join(tmpdir(), 'bench-cold-start-'));
const bundle = async (
  fn: Omit<Fn, 'bundle' | 'bytes' | 'mapBytes' | 'deflatedBytes'>,
  entry: string,
  options: ReturnType<typeof esbuildOptionsOf>,
): Promise<Fn> => {
  const { outputFileExtension, ...esbuildOptions } = options;
  const outdir = join(outRoot, fn.service, fn.name, fn.variant);
  const result = await build({ ...esbuildOptions, entryPoints: { handler: entry }, outdir, logLevel: 'warning' });
  if (result.errors.length > 0) throw new Error(`${fn.name} (${fn.variant}) did not bundle`);
  const file = join(outdir, `handler${outputFileExtension}`);
  const code = await readFile(file);
  const map = await readFile(`${file}.map`).catch(() => Buffer.alloc(0));
  return {
    ...fn,
    bundle: file,
    bytes: code.length,
    mapBytes: map.length > 0 ? (await stat(`${file}.map`)).size : 0,
    deflatedBytes: deflateRawSync(code).length + deflateRawSync(map).length,
  };
};
const functions: Fn[] = [];
const anchors: Fn[] = [];
for (const service of SERVICES) {
  const serviceDir = join(ROOT, 'services', service);
  const yml = readServiceManifest(serviceDir, { stage: STAGE });
  const options = esbuildOptionsOf(serviceDir, yml);
  for (const [name, fn] of Object.entries(yml.functions)) {
    if (service === 'auth-service' && !AUTH_FUNCTIONS.has(name)) continue;
    if (ONLY && !ONLY.has(name)) continue;
    const file = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
    const timeoutMs = (fn.timeout ?? yml.provider.timeout ?? 6) * 1000;
    const nodeOptions = String(yml.provider.environment?.NODE_OPTIONS ?? '');
    functions.push(
      await bundle({ service, name, variant: 'ours', timeoutMs, nodeOptions }, join(serviceDir, `${file}.ts`), options),
    );
    const anchor = ANCHORED[name];
    if (!anchor) continue;
    for (const family of FAMILIES) {
      const entry = join(ROOT, 'bench', 'cold-start', 'anchors', family, `${anchor}.ts`);
      anchors.push(await bundle({ service, name, variant: family, timeoutMs, nodeOptions }, entry, options));
    }
  }
}

// 2. The local cloud, PostgreSQL, and what the functions read.
const [cloud, postgres, auth] = await Promise.all([startLocalCloud({ port: 0 }), startPostgres(), startLocalAuth()]);
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
const { privateKey: signingKey } = await generateKeyPair('ES256', { extractable: true });
const signing = {
  ...(await exportJWK(signingKey)),
  kid: 'bench-signing',
  alg: 'ES256',
  use: 'sig',
} as PrivateSigningJwk;
const ADMIN = { email: 'bench-admin@example.com', password: 'correct horse battery staple' };
const parameters: Record<string, string | { secure: string }> = {
  'shared/logLevel': 'info',
  'shared/auth/jwksUrl': auth.jwksUrl,
  'shared/auth/issuer': BENCH_ISSUER,
  'shared/auth/audience': BENCH_AUDIENCE,
  'shared/db/url': { secure: postgres.url },
  'risk-service/riskTable/name': table,
  'fetch-service/legacy/baseUrl': legacyUrl,
  'fetch-service/legacy/timeoutMs': '2000',
  'fetch-service/legacy/minLatencyMs': '0',
  'fetch-service/legacy/maxLatencyMs': '0',
  'fetch-service/legacy/failureRate': '0',
  'fetch-service/legacy/concurrency': '2',
  'auth-service/auth/audience': 'auth-service',
  'auth-service/signing/publicKeys': JSON.stringify(publicKeysOf({ current: signing })),
  'auth-service/bootstrapAdmin/email': ADMIN.email,
  'auth-service/bootstrapAdmin/password': { secure: ADMIN.password },
  'auth-service-signing/keys': { secure: JSON.stringify({ current: signing }) },
};
for (const [name, { url, arn }] of Object.entries(queues)) {
  parameters[`shared/queues/${name}/url`] = url;
  parameters[`shared/queues/${name}/arn`] = arn;
}
for (const [path, value] of Object.entries(parameters)) {
  const secure = typeof value === 'object';
  await ssm.send(
    new PutParameterCommand({
      Name: `/platform/${STAGE}/${path}`,
      Value: secure ? value.secure : value,
      Type: secure ? 'SecureString' : 'String',
      Overwrite: true,
    }),
  );
}

// 3. Events, one per function and run.
const apiEvent = (
  method: string,
  resource: string,
  path: string,
  pathParameters: Record<string, string>,
  options: { bearer?: string; body?: unknown } = {},
) => ({
  resource,
  path,
  httpMethod: method,
  headers: {
    Accept: 'application/json',
    Host: 'api.example.com',
    ...(options.bearer ? { Authorization: options.bearer } : {}),
    ...(options.body ? { 'Content-Type': 'application/json' } : {}),
  },
  multiValueHeaders: {},
  queryStringParameters: null,
  pathParameters,
  stageVariables: null,
  requestContext: {
    stage: STAGE,
    requestId: 'cold',
    httpMethod: method,
    resourcePath: resource,
    identity: { sourceIp: '192.0.2.10' },
  },
  body: options.body ? JSON.stringify(options.body) : null,
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
let sequence = 0;
const eventFor = (fn: Fn): unknown => {
  sequence += 1;
  const id = `cold-${fn.name.toLowerCase()}-${fn.variant}-${sequence}`;
  switch (fn.name) {
    case 'getCompanyRisk':
      return apiEvent(
        'GET',
        '/financial-risk/{companyId}',
        '/financial-risk/cold-get',
        { companyId: 'cold-get' },
        { bearer: readBearer },
      );
    case 'requestRefresh':
      return apiEvent(
        'POST',
        '/financial-risk/{companyId}/refresh',
        `/financial-risk/${id}/refresh`,
        { companyId: id },
        { bearer: refreshBearer },
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
        id,
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
    case 'token':
      return apiEvent('POST', '/auth/token', '/auth/token', {}, { body: ADMIN });
    default:
      throw new Error(`no event for ${fn.name}`);
  }
};

/** The child: require, invoke once, report, exit (keep-alive sockets would keep it alive). */
const CHILD = `
const t0 = performance.now();
const { handler } = require(process.env.BENCH_BUNDLE);
const t1 = performance.now();
const report = (fields) => {
  const rssKiB = process.resourceUsage().maxRSS;
  process.stdout.write('\\n@@bench ' + JSON.stringify({ bootMs: t0, loadMs: t1 - t0, rssKiB, ...fields }) + '\\n');
};
if (process.env.BENCH_LOAD_ONLY) {
  report({ firstMs: 0 });
  process.exit(0);
}
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS);
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:' + process.env.AWS_LAMBDA_FUNCTION_NAME,
  memoryLimitInMB: '256',
  awsRequestId: 'cold-start',
  logGroupName: '/aws/lambda/' + process.env.AWS_LAMBDA_FUNCTION_NAME,
  logStreamName: 'cold-start',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => timeoutMs - (performance.now() - t1),
};
Promise.resolve(handler(JSON.parse(process.env.BENCH_EVENT), context)).then(
  (result) => {
    report({ firstMs: performance.now() - t1, result });
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
  rssKiB: number;
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

const explained = new Set<string>();
const LAMBDA_NODE = await lambdaNode();
const NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];

/** One fresh process (NODE_OPTIONS as the provider sets it): require and first invocation, or (`loadOnly`) the require alone. */
const coldRun = async (fn: Fn, options: { loadOnly?: boolean; bare?: boolean } = {}): Promise<Sample> => {
  const { loadOnly = false, bare = false } = options;
  const started = performance.now();
  const child = spawn(LAMBDA_NODE.path, [...NODE_ARGS, '-e', CHILD], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      ...cloud.env,
      STAGE,
      SERVICE_NAME: fn.service,
      SETTINGS_PREFIX: 'platform',
      NODE_OPTIONS: bare ? '' : fn.nodeOptions,
      ...(loadOnly ? { BENCH_LOAD_ONLY: '1' } : {}),
      AWS_LAMBDA_FUNCTION_NAME: `${fn.service}-${STAGE}-${fn.name}`,
      BENCH_BUNDLE: fn.bundle,
      BENCH_TIMEOUT_MS: String(fn.timeoutMs),
      BENCH_EVENT: loadOnly ? '{}' : JSON.stringify(eventFor(fn)),
    },
  });
  let output = '';
  // The figure is spawn to answer: Lambda keeps the process after it answers, so how long Node
  // then takes to exit (waiting on background threads) is nobody's latency.
  let answeredAt: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (answeredAt === undefined && output.includes('\n@@bench ')) answeredAt = performance.now();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const killer = setTimeout(() => child.kill('SIGKILL'), fn.timeoutMs + 30_000);
  await once(child, 'close');
  clearTimeout(killer);
  const totalMs = (answeredAt ?? performance.now()) - started;
  const line = output.split('\n').find((l) => l.startsWith('@@bench '));
  if (!line) throw new Error(`${fn.name} (${fn.variant}): the child reported nothing:\n${output.slice(-2000)}`);
  const report = JSON.parse(line.slice('@@bench '.length)) as Omit<Sample, 'totalMs' | 'outcome'> & {
    result?: unknown;
    error?: string;
  };
  if (report.error) throw new Error(`${fn.name} (${fn.variant}) threw: ${report.error}`);
  const outcome = outcomeOf(report.result);
  // A server error is a broken benchmark, not a figure: say why once per function.
  if (outcome.startsWith('5') && !explained.has(fn.bundle)) {
    explained.add(fn.bundle);
    console.error(`${fn.name} (${fn.variant}) answered ${outcome}; its output:\n${output.slice(-1500)}`);
  }
  return { ...report, totalMs, outcome };
};

// 4. Runs and the tables.
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const median = (values: number[]) => percentile(values, 50);
const table_ = (header: string[], rows: string[][]): string[] => {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
};

// Ours first: auth-service's token creates its tables and seeds the admin the anchors log in as.
const rows: string[][] = [];
for (const fn of functions) {
  const samples: Sample[] = [];
  const bare: Sample[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    samples.push(await coldRun(fn));
    bare.push(await coldRun(fn, { loadOnly: true, bare: true }));
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
    (median(samples.map((s) => s.rssKiB)) / 1024).toFixed(0),
    [...new Set(samples.map((s) => s.outcome))].join(', '),
  ]);
}
console.log(
  `cold start per function: esbuild bundle as serverless.yml says; medians of ${RUNS} fresh processes, NODE_OPTIONS as the provider sets it (Node ${LAMBDA_NODE.version}${LAMBDA_NODE.note})`,
);
for (const line of table_(
  [
    'function',
    'bundle',
    'map',
    '≈ zip',
    'node ms',
    'require ms',
    'bare',
    '1st call ms',
    'process ms',
    'RSS MiB',
    'answer',
  ],
  rows,
))
  console.log(line);
console.log(
  'node: Node start-up before the require; require: loading the bundle (bare: the same with no NODE_OPTIONS); 1st call: settings, JWKS, SDK clients and the AWS calls of one invocation; process: spawn to answer; RSS: peak resident memory',
);

// 5. Side by side with the anchors, alternating.
interface Compared {
  fn: Fn;
  load: number[];
  full: number[];
  /** The first invocation alone, as the child timed it. */
  first: number[];
  rss: number[];
  outcomes: Set<string>;
}
const checks: { label: string; met: boolean; detail: string }[] = [];
const compared = new Map<string, Compared[]>();
for (const name of Object.keys(ANCHORED)) {
  if (ONLY && !ONLY.has(name)) continue;
  const ours = functions.find((fn) => fn.name === name);
  if (!ours) throw new Error(`${name} is not a function of the services any more`);
  const variants = [ours, ...anchors.filter((fn) => fn.name === name)].map((fn): Compared => ({
    fn,
    load: [],
    full: [],
    first: [],
    rss: [],
    outcomes: new Set(),
  }));
  for (let run = 0; run < ANCHOR_RUNS; run += 1) {
    for (const variant of variants) {
      variant.load.push((await coldRun(variant.fn, { loadOnly: true })).totalMs);
      const sample = await coldRun(variant.fn);
      variant.full.push(sample.totalMs);
      variant.first.push(sample.firstMs);
      variant.rss.push(sample.rssKiB);
      variant.outcomes.add(sample.outcome);
    }
  }
  compared.set(name, variants);
}
const comparisonRows: string[][] = [];
for (const [name, variants] of compared) {
  const [ours] = variants;
  if (!ours) continue;
  for (const variant of variants) {
    const ratio = (values: (v: Compared) => number[]) =>
      variant === ours ? '' : `${(median(values(ours)) / median(values(variant))).toFixed(2)}×`;
    comparisonRows.push([
      `${name} ${variant.fn.variant}`,
      kib(variant.fn.bytes),
      kib(variant.fn.deflatedBytes),
      (median(variant.rss) / 1024).toFixed(1),
      median(variant.load).toFixed(0),
      ratio((v) => v.load),
      median(variant.full).toFixed(0),
      ratio((v) => v.full),
      median(variant.first).toFixed(0),
      [...variant.outcomes].join(', '),
    ]);
  }
  const anchorOf = (family: string) => variants.find((v) => v.fn.variant === family);
  const powertools = anchorOf('powertools');
  const raw = anchorOf('raw-sdk');
  checks.push({
    label: `${name}: bundle ≤ ${kib(TARGETS.bundleBytes)}`,
    met: ours.fn.bytes <= TARGETS.bundleBytes,
    detail: kib(ours.fn.bytes),
  });
  for (const [anchor, limit, label] of [
    [powertools, TARGETS.vsPowertools, 'Powertools'],
    [raw, TARGETS.vsRawSdk, 'raw SDK'],
  ] as const) {
    if (!anchor) continue;
    const ratio = median(ours.full) / median(anchor.full);
    checks.push({
      label: `${name}: require + first invocation ≤ ${limit.toFixed(1)}× ${label}`,
      met: ratio <= limit,
      detail: `${ratio.toFixed(2)}×`,
    });
  }
  if (powertools) {
    checks.push({
      label: `${name}: peak RSS ≤ Powertools`,
      met: median(ours.rss) <= median(powertools.rss),
      detail: `${(median(ours.rss) / 1024).toFixed(1)} vs ${(median(powertools.rss) / 1024).toFixed(1)} MiB`,
    });
  }
}
console.log('');
console.log(
  `against the anchors (bench/cold-start/anchors): medians of ${ANCHOR_RUNS} rounds, ours / Powertools / raw SDK alternating; whole process (spawn to answer), NODE_OPTIONS as the provider sets it`,
);
for (const line of table_(
  [
    'function',
    'bundle',
    '≈ zip',
    'RSS MiB',
    'require ms',
    'ratio',
    'require + 1st call ms',
    'ratio',
    '1st call alone',
    'answer',
  ],
  comparisonRows,
))
  console.log(line);
console.log('ratio: ours / that anchor (below 1: ours is faster)');

// 6. The warm figures, from their own benchmarks.
const figureOf = async (script: string, pattern: RegExp, args: string[]): Promise<number | undefined> => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@platform/source', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await once(child, 'close');
  const match = pattern.exec(output);
  return match ? Number(match[1]) : undefined;
};
const overhead = await figureOf('bench/http-adapter.ts', /overhead\s+p50 (-?[\d.]+) µs/, ['20000']);
const cachedGet = await figureOf('bench/settings.ts', /cached get\(\)\s+p50 ([\d.]+) µs/, ['10000']);
checks.push({
  label: `warm http adapter overhead ≤ ${TARGETS.httpOverheadMicros} µs`,
  met: overhead !== undefined && overhead <= TARGETS.httpOverheadMicros,
  detail: overhead === undefined ? 'not measured' : `p50 ${overhead.toFixed(1)} µs (npm run bench:http)`,
});
checks.push({
  label: `cached settings.get() ≤ ${TARGETS.settingsGetMicros} µs`,
  met: cachedGet !== undefined && cachedGet <= TARGETS.settingsGetMicros,
  detail: cachedGet === undefined ? 'not measured' : `p50 ${cachedGet.toFixed(2)} µs (npm run bench:settings)`,
});

console.log('');
console.log('targets (issue 14):');
for (const check of checks) console.log(`${check.met ? '✓' : '✗'} ${check.label}: ${check.detail}`);
const missed = checks.filter((check) => !check.met).length;
console.log(missed === 0 ? 'every target met' : `${missed} of ${checks.length} targets missed`);

dynamodb.destroy();
sqs.destroy();
ssm.destroy();
legacy.closeAllConnections();
legacy.close();
await auth.stop();
await cloud.stop();
await postgres.stop();
if (process.env.BENCH_KEEP) console.log(`bundles kept in ${outRoot}`);
else await rm(outRoot, { recursive: true, force: true });
