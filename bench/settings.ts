/**
 * @platform/settings against the local cloud's Parameter Store: the cost of a cached `get()`, and
 * how many Parameter Store loads 10,000 invocations within one TTL window cause.
 * Usage: `npx tsx --conditions=@platform/source bench/settings.ts [invocations]`. Prints, asserts nothing.
 */
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { z } from 'zod';
import { startLocalCloud } from '../tools/local-cloud/src/index.js';
import { defineSettings } from '../packages/settings/src/index.js';
import { describeMicros, timeEach } from './stats.js';

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
  schema: z.object({ logLevel: z.string() }).catchall(z.coerce.number()),
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
ssm.destroy();
await cloud.stop();
