import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLambdaInvoker, type LambdaInvoker } from '../src/event-source-mapping/lambda-invoker.js';
import { startServerlessOffline, type ServerlessOffline } from './helpers/serverless-offline.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/event-source-mapping-service', import.meta.url));

/** An SQS-shaped event the fixture's `slow` handler sleeps on for `ms`. */
const sleepFor = (ms: number) => ({ Records: [{ messageId: `m-${ms}`, body: `sleep:${ms}` }] });

/**
 * serverless-offline 13 terminates a function's worker thread when an invocation times out and
 * then hands the dead worker every later invocation, so they all time out too (upstream issue
 * #1896, fixed in 14.x only). AWS replaces a timed-out execution environment. It also counts a
 * new worker's boot against the invocation's timeout, where AWS runs init outside it. Both fixes
 * are carried as patches/serverless-offline+13.10.1.patch (applied by `npm ci`); without it these
 * tests fail.
 */
describe('serverless-offline after a Lambda timeout', () => {
  let offline: ServerlessOffline;
  let workDir: string;
  let invoker: LambdaInvoker;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'offline-timeout-'));
    offline = await startServerlessOffline(FIXTURE, { ESM_RECORD_FILE: join(workDir, 'invocations.jsonl') });
    invoker = createLambdaInvoker({
      functionName: 'esm-fixture-test-timesOut',
      endpoint: offline.lambdaEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      timeoutSeconds: 10,
    });
  });
  afterAll(async () => {
    invoker?.destroy();
    await offline?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('answers the next invocation normally', async () => {
    // Act
    const timedOut = await invoker.invoke(sleepFor(10_000));
    const next = await invoker.invoke(sleepFor(10));
    const after = await invoker.invoke(sleepFor(10));

    // Assess
    expect(timedOut).toMatchObject({ ok: false });
    expect(next).toEqual({ ok: true, payload: '{}' });
    expect(after).toEqual({ ok: true, payload: '{}' });
  });

  it('stays usable after 20 parallel invocations all time out', async () => {
    // Act
    const timedOut = await Promise.all(Array.from({ length: 20 }, () => invoker.invoke(sleepFor(10_000))));
    const next = await Promise.all(Array.from({ length: 20 }, () => invoker.invoke(sleepFor(10))));

    // Assess
    expect(timedOut.filter((outcome) => outcome.ok)).toEqual([]);
    expect(next).toEqual(Array(20).fill({ ok: true, payload: '{}' }));
  });

  it("does not count a new worker's init (module load) against the timeout, as AWS does not", async () => {
    const slowInit = createLambdaInvoker({
      functionName: 'esm-fixture-test-slowInit',
      endpoint: offline.lambdaEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      timeoutSeconds: 30,
    });
    try {
      // Act: the first invocation boots the worker (4 s of init, over the 3 s timeout).
      const cold = await slowInit.invoke({});
      const warm = await slowInit.invoke({});

      // Assess: answered, with the whole timeout left when the handler started.
      expect(cold).toMatchObject({ ok: true });
      expect(warm).toMatchObject({ ok: true });
      const remaining = (outcome: typeof cold) =>
        (JSON.parse((outcome as { payload: string }).payload) as { remainingMs: number }).remainingMs;
      expect(remaining(cold)).toBeGreaterThan(2_000);
      expect(remaining(warm)).toBeGreaterThan(2_000);
    } finally {
      slowInit.destroy();
    }
  });
});
