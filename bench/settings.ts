/**
 * @platform/settings against the local cloud's Parameter Store: the cost of a cached `get()`, how
 * many Parameter Store loads 10,000 invocations within one TTL window cause, and what a Parameter
 * Store that accepts requests and never answers costs a warm container (past its TTL) and a cold one.
 * Usage: `npx tsx --conditions=@platform/source bench/settings.ts [invocations]`. Prints, asserts nothing.
 */
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod/mini';
import { startLocalCloud } from '../tools/local-cloud/src/index.js';
import { defineSettings } from '../packages/settings/src/index.js';
import { describeMicros, percentile, timeEach } from './stats.js';

const INVOCATIONS = Number(process.argv[2] ?? 10_000);
const cloud = await startLocalCloud({ port: 0 });
const ssm = new SSMClient({
  endpoint: cloud.endpoint,
  region: cloud.region,
  credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
});
let requests = 0;
ssm.middlewareStack.add(
  (next) => async (args) => {
    requests += 1;
    return next(args);
  },
  { step: 'initialize', name: 'countRequests' },
);
for (let i = 0; i < 12; i += 1) {
  await ssm.send(
    new PutParameterCommand({
      Name: `/platform/bench/bench-service/k${i}`,
      Value: String(i),
      Type: 'String',
      Overwrite: true,
    }),
  );
}
await ssm.send(
  new PutParameterCommand({ Name: '/platform/bench/shared/logLevel', Value: 'info', Type: 'String', Overwrite: true }),
);

const settings = defineSettings({
  service: 'bench-service',
  stage: 'bench',
  client: ssm,
  schema: z.catchall(z.object({ logLevel: z.string() }), z.coerce.number()),
});
requests = 0;
const coldStarted = performance.now();
await settings.get();
const coldMs = performance.now() - coldStarted;
const loadRequests = requests;

requests = 0;
for (let i = 0; i < INVOCATIONS; i += 1) await settings.get();
const requestsDuringWindow = requests;
const cached = await timeEach(() => settings.get(), 100_000);

console.log(`settings: 13 parameters over 2 paths (shared + service), local Parameter Store`);
console.log(`cold load          ${coldMs.toFixed(1)} ms, ${loadRequests} GetParametersByPath requests (one load)`);
console.log(
  `${INVOCATIONS} invocations in one TTL window → ${requestsDuringWindow} more Parameter Store requests (target: 0 beyond the one load)`,
);
console.log(`cached get()       ${describeMicros(cached)} (target ≤ 1 µs median, no I/O)`);

// Parameter Store hung: a warm container past its TTL, and a cold one.
const LOAD_TIMEOUT_MS = 2_000;
const warm = defineSettings({
  service: 'bench-service',
  stage: 'bench',
  client: ssm,
  ttlMs: 50,
  loadTimeoutMs: LOAD_TIMEOUT_MS,
  logger: { warn: () => undefined, error: () => undefined },
  schema: z.catchall(z.object({ logLevel: z.string() }), z.coerce.number()),
});
await warm.get();
cloud.faults.add({ target: 'AmazonSSM', action: 'hang' });
await new Promise((resolve) => setTimeout(resolve, 60)); // past the TTL
const duringHang = await timeEach(() => warm.get(), 10_000, 0);
const stillLoading = warm.status().loading;
const cold = defineSettings({
  service: 'bench-service',
  stage: 'bench',
  client: ssm,
  loadTimeoutMs: LOAD_TIMEOUT_MS,
  logger: { warn: () => undefined, error: () => undefined },
  schema: z.object({ logLevel: z.string() }),
});
const coldHungStarted = performance.now();
const coldOutcome = await cold.get().then(
  () => 'resolved',
  (error: Error) => error.name,
);
const coldHungMs = performance.now() - coldHungStarted;
cloud.faults.clear();
console.log(
  `hung PS, warm     10,000 get() past the TTL while the refresh hangs: ${describeMicros(duringHang)}, ` +
    `max ${(Math.max(...duringHang) * 1000).toFixed(0)} µs; refresh still pending: ${stillLoading} ` +
    `(p99 / cached p99 = ${(percentile(duringHang, 99) / percentile(cached, 99)).toFixed(1)}×; target: no request waits on it)`,
);
console.log(
  `hung PS, cold     get() → ${coldOutcome} after ${coldHungMs.toFixed(0)} ms (load deadline ${LOAD_TIMEOUT_MS} ms)`,
);
ssm.destroy();
await cloud.stop();
