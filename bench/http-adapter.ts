/**
 * Warm overhead of the @platform/lambda http adapter against a raw handler returning the same
 * body. Settings come from an in-memory port (what a warm container serves from its cache); logs
 * go to a null stream, as in Lambda they go to stdout.
 * Usage: `npx tsx --conditions=@platform/source bench/http-adapter.ts [invocations]`. Prints, asserts nothing.
 */
import { Writable } from 'node:stream';
import * as z from 'zod/mini';
import { createLogger } from '@platform/logger';
import { success, toHttpResponse } from '@platform/response';
import type { Settings } from '@platform/settings';
import { http } from '../packages/lambda/src/index.js';
import { httpEvent, lambdaContext } from '../packages/lambda/src/testing/index.js';
import { describeMicros, percentile, timeEach } from './stats.js';

const RUNS = Number(process.argv[2] ?? 20_000);
const values = { logLevel: 'info' };
const settings: Settings<typeof values> = {
  service: 'bench',
  stage: 'bench',
  paths: ['/platform/bench/shared', '/platform/bench/bench'],
  get: async () => values,
  onRefresh: () => () => undefined,
  status: () => ({
    loaded: true,
    loadedAt: 0,
    ageMs: 0,
    stale: false,
    loading: false,
    failures: 0,
    nextLoadAt: Infinity,
    lastError: undefined,
  }),
  reset: () => undefined,
};
const logger = createLogger({
  service: 'bench',
  stage: 'bench',
  destination: new Writable({ write: (_c, _e, cb) => cb() }),
});
const input = z.object({ path: z.object({ companyId: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)) }) });
const data = (companyId: string) => ({ companyId, status: 'reliable', statusChangedAt: '2026-01-01T00:00:00Z' });

const adapted = http({ settings, logger, input }, async ({ path }) => data(path.companyId));
const raw = async (event: { pathParameters: Record<string, string | undefined> | null }) =>
  toHttpResponse(success(data(event.pathParameters?.companyId ?? '')));

const event = httpEvent('GET', '/financial-risk/acme-1', { pathParameters: { companyId: 'acme-1' } });
// A fresh context per call would count its own cost; one with plenty of time left serves every run.
const context = lambdaContext('bench-fn', { remainingMs: 3_600_000 });

const rawTimes = await timeEach(() => raw(event), RUNS);
const adaptedTimes = await timeEach(() => adapted(event, context), RUNS);
console.log(`http adapter, ${RUNS} warm invocations each`);
console.log(`raw handler      ${describeMicros(rawTimes)}`);
console.log(`http adapter     ${describeMicros(adaptedTimes)}`);
console.log(
  `overhead         p50 ${((percentile(adaptedTimes, 50) - percentile(rawTimes, 50)) * 1000).toFixed(2)} µs per invocation (target ≤ 50 µs)`,
);
